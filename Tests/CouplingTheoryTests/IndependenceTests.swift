import CouplingTheory
import FlowCore
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Lemma 2's independence statistic and the Monte Carlo entropy/KL helpers.
final class IndependenceTests: XCTestCase {
    /// Under independence the permutation p-value is (close to) uniform on (0, 1]: over 20 seeds not
    /// all below 0.05, not all above 0.95, and at most 5 of 20 below 0.05 (P ≈ 0.003 under H₀ for ≥ 6).
    func testIndependentPairsGiveSpreadPValues() throws {
        var pValues: [Double] = []
        for seed in 0..<20 {
            var rng = SeededGenerator(seed: UInt64(seed))
            let x = (0..<200).map { _ in rng.normal() }, y = (0..<200).map { _ in rng.uniform() }
            pValues.append(try HSIC.test(x: x, y: y, config: .init(permutations: 99), using: &rng).pValue)
        }
        XCTAssertFalse(pValues.allSatisfy { $0 < 0.05 })
        XCTAssertFalse(pValues.allSatisfy { $0 > 0.95 })
        XCTAssertLessThanOrEqual(pValues.filter { $0 < 0.05 }.count, 5, "\(pValues)")
        XCTAssertGreaterThan(Set(pValues.map { Int($0 * 4) }).count, 2, "p-values cluster: \(pValues)")
    }

    /// a' = p² + noise is uncorrelated with p (E[p³] = 0) but dependent: HSIC must detect it (p < 0.01).
    func testQuadraticDependenceIsDetected() throws {
        var rng = SeededGenerator(seed: 42)
        let p = (0..<300).map { _ in rng.normal() }
        let a = p.map { $0 * $0 + 0.3 * rng.normal() }
        let result = try HSIC.test(x: p, y: a, config: .init(permutations: 199), using: &rng)
        XCTAssertLessThan(result.pValue, 0.01)
        XCTAssertEqual(result.pValue, 1.0 / 200, accuracy: 1e-15)  // no permutation reaches the observed value
    }

    /// Distance correlation: the same two checks (spread under independence, detection of p² dependence).
    func testDistanceCorrelation() throws {
        var small = 0
        for seed in 0..<10 {
            var rng = SeededGenerator(seed: UInt64(100 + seed))
            let x = (0..<200).map { _ in rng.normal() }, y = (0..<200).map { _ in rng.normal() }
            if try DistanceCorrelation.test(x: x, y: y, config: .init(permutations: 99), using: &rng).pValue < 0.05 { small += 1 }
        }
        XCTAssertLessThanOrEqual(small, 3)  // P(≥ 4 of 10 below 0.05 | H₀) ≈ 0.001
        var rng = SeededGenerator(seed: 43)
        let p = (0..<300).map { _ in rng.normal() }
        let r = try DistanceCorrelation.test(x: p, y: p.map { $0 * $0 + 0.3 * rng.normal() }, config: .init(permutations: 199), using: &rng)
        XCTAssertLessThan(r.pValue, 0.01)
    }

    /// Lemma 2 / Example 5: after the exact optimal layer, a' ⟂ p for W and WU (a = m(p) + σ(p)·n);
    /// before it, a depends on p (m(p) varies), which HSIC detects. Both use the same narrow bandwidth,
    /// so the "independent after" verdict comes from a test shown to have power on this dependence.
    func testLemmaTwoOnWDensities() throws {
        var rng = SeededGenerator(seed: 12)
        var small = 0
        for _ in 0..<5 {
            for density in [WDensity() as any KnownConditionalDensity, WUDensity()] {
                let r = try LemmaTwo.independenceAfterOptimalLayer(
                    of: density, sampleCount: 300, config: .init(permutations: 99, bandwidthScale: 0.2), using: &rng)
                if r.pValue < 0.01 { small += 1 }
            }
        }
        XCTAssertLessThanOrEqual(small, 1)  // 10 tests at level 0.01: P(≥ 2 | H₀) ≈ 0.004
        // The median-heuristic bandwidth (≈ 1.2 in p) damps m(p) = ½cos(πp) by e^{−h²π²/2} ≈ 10⁻³:
        // a fifth of it (damping e^{−0.28}) sees the dependence.
        let x = try WDensity().sample(count: 300, using: &rng)
        let before = try HSIC.test(
            x: x.column(0), y: x.column(1), config: .init(permutations: 199, bandwidthScale: 0.2), using: &rng)
        XCTAssertLessThan(before.pValue, 0.01)
    }

    func testSubsamplingCapsTheSampleCount() throws {
        var rng = SeededGenerator(seed: 1)
        let x = (0..<500).map { _ in rng.normal() }, y = (0..<500).map { _ in rng.normal() }
        let r = try HSIC.test(x: x, y: y, config: .init(permutations: 9, maxSamples: 100), using: &rng)
        XCTAssertEqual(r.sampleCount, 100)
    }

    /// H[W] = log 4 + ½ log(2πe) + E_p[log σ(p)] (E_p by Simpson here); MC within 3 SE.
    func testMonteCarloEntropyOfW() throws {
        var rng = SeededGenerator(seed: 8)
        let estimate = try MonteCarloDivergence.entropy(of: WDensity(), sampleCount: 1 << 15, using: &rng)
        let n = 20_000, h = 4.0 / Double(n)
        func f(_ p: Double) -> Double { 0.25 * log((3 - cos(8 * Double.pi / 3 * p)) / 8) }
        var sum = f(-2) + f(2)
        for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * f(-2 + Double(i) * h) }
        let expected = log(4.0) + 0.5 * log(2 * Double.pi * M_E) + sum * h / 3
        XCTAssertEqual(estimate.value, expected, accuracy: 3 * estimate.standardError)
        XCTAssertLessThan(estimate.standardError, 0.01)
    }

    /// KL(W ‖ W) = 0 exactly per sample; KL(N(0,1)² ‖ N(0, 2²)²) = 2·(log 2 + 1/8 − ½) by hand.
    func testMonteCarloKL() throws {
        var rng = SeededGenerator(seed: 4)
        let w = WDensity()
        let zero = try MonteCarloDivergence.kl(from: w, to: { w.logDensity(at: $0)! }, sampleCount: 1000, using: &rng)
        XCTAssertEqual(zero.value, 0, accuracy: 1e-12)
        let normal = try GaussianMixture2D(weights: [1], means: [[0, 0]], covariances: [[[1, 0], [0, 1]]])
        let wide: ([Double]) -> Double = { x in -(x[0] * x[0] + x[1] * x[1]) / 8 - 2 * log(2.0) - log(2 * Double.pi) }
        let kl = try MonteCarloDivergence.kl(from: normal, to: wide, sampleCount: 1 << 15, using: &rng)
        XCTAssertEqual(kl.value, 2 * (log(2.0) + 1.0 / 8 - 0.5), accuracy: 3 * kl.standardError)
    }
}
