import CouplingTheory
@testable import Paper
import XCTest

/// The validation loss a first round of successive halving would rank by, on traces made by hand.
final class EarlyRankingTests: XCTestCase {
    private func trace(_ points: [(Int, Double)]) -> [TracePoint] { points.map { TracePoint(step: $0.0, loss: $0.1) } }

    /// Two blocks of 8 steps, each traced every 2 steps: 16 steps in all, laid end to end.
    func testIterativeTracesAreLaidEndToEnd() {
        let traces = [trace([(2, 5), (4, 4), (6, 3), (8, 2.5)]), trace([(2, 2.4), (4, 2.2), (6, 2.1), (8, 2)])]
        // 25 % of 16 steps is step 4: the first block's second point.
        XCTAssertEqual(EarlyRanking.validationLoss(after: 0.25, traces: traces, stepsPerTrace: 8), 4)
        // 50 % is step 8: the first block's last point; 75 % is step 12, the second block's step 4.
        XCTAssertEqual(EarlyRanking.validationLoss(after: 0.5, traces: traces, stepsPerTrace: 8), 2.5)
        XCTAssertEqual(EarlyRanking.validationLoss(after: 0.75, traces: traces, stepsPerTrace: 8), 2.2)
        XCTAssertEqual(EarlyRanking.validationLoss(after: 1, traces: traces, stepsPerTrace: 8), 2)
        // Between points: the last one before (30 % is step 4.8).
        XCTAssertEqual(EarlyRanking.validationLoss(after: 0.3, traces: traces, stepsPerTrace: 8), 4)
    }

    func testOneEndToEndTraceAndNothingThatEarly() {
        let run = [trace([(100, 3), (200, 2), (300, 1.5), (400, 1.4)])]
        XCTAssertEqual(EarlyRanking.validationLoss(after: 0.25, traces: run, stepsPerTrace: 400), 3)
        XCTAssertNil(EarlyRanking.validationLoss(after: 0.2, traces: run, stepsPerTrace: 400))
        XCTAssertNil(EarlyRanking.validationLoss(after: 0.25, traces: [], stepsPerTrace: 400))
    }

    func testTheLowestFiniteLossWins() {
        XCTAssertEqual(DeepSuiteRuns.lowest([2, 1, 1, 3]), 1)
        XCTAssertEqual(DeepSuiteRuns.lowest([.infinity, 4]), 1)
        XCTAssertEqual(DeepSuiteRuns.lowest([.nan, 4, 5]), 1)
        XCTAssertNil(DeepSuiteRuns.lowest([.infinity, .infinity]))
    }
}
