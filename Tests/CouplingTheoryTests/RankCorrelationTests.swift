import CouplingTheory
import Foundation
import XCTest

/// Spearman's rank correlation against textbook values.
final class RankCorrelationTests: XCTestCase {
    func testSpearmanOfMonotoneAndReversedRankings() throws {
        let x = [0.3, 1.2, 2.5, 7.0, 9.1]
        XCTAssertEqual(try XCTUnwrap(RankCorrelation.spearman(x, x.map { exp($0) })), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(RankCorrelation.spearman(x, x.map { -$0 * $0 })), -1, accuracy: 1e-12)
    }

    /// One swapped neighbour pair in n = 4: ρ = 1 − 6·Σd²/(n(n²−1)) = 1 − 6·2/60 = 0.8.
    func testSpearmanWithOneSwapMatchesTheTextbookFormula() throws {
        XCTAssertEqual(try XCTUnwrap(RankCorrelation.spearman([1, 2, 3, 4], [10, 30, 20, 40])), 0.8, accuracy: 1e-12)
    }

    /// Ties get their average rank: ranks of [5, 1, 5, 2] are [3.5, 1, 3.5, 2].
    func testTiesGetAverageRanksAndConstantInputHasNoCorrelation() {
        XCTAssertEqual(RankCorrelation.ranks([5, 1, 5, 2]), [3.5, 1, 3.5, 2])
        XCTAssertNil(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]))
        XCTAssertNil(RankCorrelation.spearman([1, 2], [1, 2]))
    }
}
