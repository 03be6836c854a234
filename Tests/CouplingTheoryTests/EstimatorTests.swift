import CouplingTheory
import FlowCore
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Sample-based Δ estimators (Example 4's binning; k nearest neighbours for D_P > 1).
final class EstimatorTests: XCTestCase {
    /// Eq. 20 for W written out from Eq. 13 and integrated by composite Simpson (independent of the library).
    private func exactDeltaW() -> Double {
        let n = 20_000, h = 4.0 / Double(n)
        func f(_ p: Double) -> Double {
            let m = 0.5 * cos(Double.pi * p), s = (3 - cos(8 * Double.pi / 3 * p)) / 8
            return 0.25 * 0.5 * (m * m + s * s - 1 - log(s * s))
        }
        var sum = f(-2) + f(2)
        for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * f(-2 + Double(i) * h) }
        return sum * h / 3
    }

    /// With B ∝ √N bins both the bin-width bias and the per-bin noise vanish as N grows, so the
    /// RMS error over seeds must shrink from N = 2^10 through 2^13 to 2^16.
    func testBinningConvergesToExactDelta() throws {
        let exact = exactDeltaW()
        var rms: [Double] = []
        for logN in [10, 13, 16] {
            let n = 1 << logN
            let bins = Int(Double(n).squareRoot() / 2)
            var sq = 0.0
            for seed in 0..<8 {
                var rng = SeededGenerator(seed: UInt64(100 * logN + seed))
                let x = try WDensity().sample(count: n, using: &rng)
                let e = try BinnedDelta.estimate(passive: x.column(0), active: [x.column(1)], config: .init(bins: bins))
                XCTAssertTrue(e.underfilledBins.isEmpty)
                sq += (e.delta - exact) * (e.delta - exact)
            }
            rms.append((sq / 8).squareRoot())
        }
        XCTAssertLessThan(rms[1], rms[0])
        XCTAssertLessThan(rms[2], rms[1])
        XCTAssertLessThan(rms[2], 0.01, "RMS error at N = 2^16: \(rms)")
    }

    /// Hand-computed: a in bin 1 = {−1, 1} (m 0, v 2), bin 2 = {0, 2} (m 1, v 2); Δ̂ = ½·[½(0+2−1−log 2) + ½(1+2−1−log 2)].
    func testBinningByHandOnTwoBins() throws {
        let e = try BinnedDelta.estimate(
            passive: [0, 0.1, 0.9, 1.0], active: [[-1, 1, 0, 2]], config: .init(bins: 2, minSamplesPerBin: 2))
        let expected = 0.5 * (0.5 * (2 - 1 - log(2.0))) + 0.5 * (0.5 * (1 + 2 - 1 - log(2.0)))
        XCTAssertEqual(e.delta, expected, accuracy: 1e-14)
        XCTAssertEqual(e.bins.count, 2)
    }

    /// An empty middle bin (and an underfilled one) are merged and reported, and no sample is lost.
    func testUnderfilledBinsAreMergedAndReported() throws {
        // Equal-width bins over [0, 4] with B = 4: counts 4, 0, 1, 4 (min 4) → bins 1 and 2 underfilled.
        let p: [Double] = [0, 0.1, 0.2, 0.3, 2.5, 3.5, 3.6, 3.7, 4.0]
        let a: [Double] = [1, -1, 1, -1, 0, 2, -2, 2, -2]
        let e = try BinnedDelta.estimate(passive: p, active: [a], config: .init(bins: 4, minSamplesPerBin: 4))
        XCTAssertEqual(e.underfilledBins, [1, 2])
        XCTAssertEqual(e.bins.map(\.count).reduce(0, +), p.count)
        XCTAssertEqual(e.bins.map(\.originalBins), [0...0, 1...3])
    }

    /// Equal-count bins hold ⌊N/B⌋ or ⌈N/B⌉ samples each.
    func testEqualCountBins() throws {
        var rng = SeededGenerator(seed: 7)
        let x = try WDensity().sample(count: 1000, using: &rng)
        let e = try BinnedDelta.estimate(
            passive: x.column(0), active: [x.column(1)], config: .init(bins: 32, scheme: .equalCount))
        XCTAssertEqual(e.bins.count, 32)
        XCTAssertTrue(e.bins.allSatisfy { $0.count == 31 || $0.count == 32 })
    }

    func testBadInputsThrow() {
        XCTAssertThrowsError(try BinnedDelta.estimate(passive: [1, 2, 3], active: [[1, 2, 3]], config: .init(bins: 1)))
        XCTAssertThrowsError(try BinnedDelta.estimate(passive: [1, 2, .nan, 4], active: [[1, 2, 3, 4]], config: .init(bins: 1)))
        XCTAssertThrowsError(try BinnedDelta.estimate(passive: [1, 2, 3, 4], active: [[1, 2, 3]], config: .init(bins: 1)))
    }

    /// D_P = 2: p ~ N(0, I₂), a | p ~ N(½p₁, ½²). By hand, Δ = ½ E[¼p₁² + ¼ − 1 − log ¼] = ½(½ − 1 + log 4).
    func testNearestNeighbourDeltaInTwoPassiveDimensions() throws {
        var rng = SeededGenerator(seed: 11)
        let n = 8192
        var values: [Double] = []
        for _ in 0..<n {
            let p1 = rng.normal(), p2 = rng.normal()
            values += [p1, p2, 0.5 * p1 + 0.5 * rng.normal()]
        }
        let x = try Matrix(rows: n, cols: 3, values: values)
        let expected = 0.5 * (0.5 - 1 + log(4.0))
        let estimate = try SampleDelta.estimate(
            samples: x, rotation: .identity(3), passiveDimension: 2,
            estimator: .nearestNeighbours(.init(neighbours: 64, maxQueries: 1024)))
        XCTAssertEqual(estimate, expected, accuracy: 0.03)
    }
}
