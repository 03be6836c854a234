@testable import CouplingTheory
import FlowCore
import XCTest

/// The radix permutation behind the binning estimator must be exactly the comparison sort's order, ties
/// in index order, or Δ̂'s per-bin sums would change their order (and bits).
final class AscendingOrderTests: XCTestCase {
    /// The reference: a comparison sort by (value, index), written here.
    private func reference(_ v: [Double]) -> [Int] {
        v.indices.sorted { v[$0] < v[$1] || (v[$0] == v[$1] && $0 < $1) }
    }

    func testMatchesComparisonSortWithTiesSignedZerosAndExtremes() {
        var rng = SeededGenerator(seed: 7)
        for n in [0, 1, 5, 63, 64, 65, 1000, 4096] {
            var v = (0..<n).map { _ in rng.normal() * 3 }
            // Ties, both zeros, subnormals and the extremes, scattered.
            let special: [Double] = [0, -0.0, 1.5, 1.5, -1.5, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                     .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, 0, -0.0]
            for (k, s) in special.enumerated() where n > 0 { v[(k * 37) % n] = s }
            XCTAssertEqual(AscendingOrder.permutation(v), reference(v), "n = \(n)")
        }
    }

    /// Values that share most bytes (a narrow range, as in one bin) and many exact repeats.
    func testMatchesComparisonSortOnCoarseGrid() {
        var rng = SeededGenerator(seed: 11)
        let v = (0..<3000).map { _ in 1 + Double(Int(rng.uniform() * 40)) / 1024 }
        XCTAssertEqual(AscendingOrder.permutation(v), reference(v))
    }
}
