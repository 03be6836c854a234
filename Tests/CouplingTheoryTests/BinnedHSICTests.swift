import CouplingTheory
import FlowCore
import XCTest

/// `BinnedHSIC` is HSIC on the one-hot encoding of the bins, computed over within-bin pairs only.
final class BinnedHSICTests: XCTestCase {
    /// One-hot rows of `labels` over `bins` columns (written here, independently of the Paper module).
    func oneHot(_ labels: [Int], bins: Int) -> Matrix {
        var m = Matrix(rows: labels.count, cols: bins)
        for (i, b) in labels.enumerated() { m[i, b] = 1 }
        return m
    }

    /// Same subsample, same permutations, statistics proportional: the p-values must be equal to those
    /// of `HSIC.test` on the one-hot matrix — under independence and under a dependence.
    func testPValueEqualsOneHotHSIC() throws {
        for (seed, strength) in [(1, 0.0), (2, 0.4), (3, 1.5)] {
            var data = SeededGenerator(seed: UInt64(seed))
            let labels = (0..<300).map { _ in Int(data.uniform() * 8) }
            let y = labels.map { Double($0 % 2) * strength + data.normal() }
            var a = SeededGenerator(seed: 99), b = SeededGenerator(seed: 99)
            let binned = try BinnedHSIC.test(labels: labels, y: y, config: .init(permutations: 199, maxSamples: 250), using: &a)
            let full = try HSIC.test(x: oneHot(labels, bins: 8), y: Matrix(rows: y.count, cols: 1, values: y),
                                     config: .init(permutations: 199, maxSamples: 250), using: &b)
            XCTAssertEqual(binned.pValue, full.pValue, "strength \(strength)")
            XCTAssertEqual(binned.sampleCount, 250)
        }
    }

    /// A scale that changes with the bin (sd 1 vs 2) is detected; with no dependence the p-value is not tiny.
    func testDetectsScaleDependenceOnly() throws {
        var rng = SeededGenerator(seed: 7)
        let labels = (0..<1000).map { _ in Int(rng.uniform() * 4) }
        let dependent = labels.map { (1 + Double($0 % 2)) * rng.normal() }
        let independent = labels.map { _ in rng.normal() }
        let config = HSICConfig(permutations: 199, maxSamples: 1000)
        XCTAssertLessThanOrEqual(try BinnedHSIC.test(labels: labels, y: dependent, config: config, using: &rng).pValue, 0.01)
        XCTAssertGreaterThan(try BinnedHSIC.test(labels: labels, y: independent, config: config, using: &rng).pValue, 0.01)
    }

    func testRejectsMismatchedInput() {
        var rng = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try BinnedHSIC.test(labels: [0, 1, 0], y: [1, 2, 3, 4], using: &rng))
        XCTAssertThrowsError(try BinnedHSIC.test(labels: [0, 1, 0, 1], y: [1, 2, .nan, 4], using: &rng))
    }
}
