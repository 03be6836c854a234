import CouplingTheory
import FlowCore
import Foundation
@testable import Paper
import Report
import XCTest

/// The deep sections' generated prose on settings and verdicts the fast profile never produces: the
/// findings summary's every branch and the deviations' sentences for other training budgets.
final class DeepProseTests: XCTestCase {
    func testFindingsSummaryStatesEveryVerdict() throws {
        let check = { (id: String, measured: Double) in Check.atMost(id: id, claim: "", measured: measured, tolerance: 1) }
        let checks = [
            check("ex7.moons.sanity_lw_oas", 0.25), check("ex7.rings.sanity_lw_oas", 2),
            check("ex7.pinwheel.sanity_lw_oas", 0.7).inconclusive("budget: converged at depth(s) 1: LW-OAS 0 of 2 seeds (need 2)"),
            check("ex7.swissroll.sanity_lw_oas", 0.5).inconclusive("about 9 seeds per method would decide it"),
            check("ex7.moons.prog_oas_competitive", 3), check("ex7.rings.prog_oas_competitive", 4),
            check("ex6.sanity_kl_nonnegative", 0.5), check("ex6.sanity_lw_rnd", 1.5),
        ]
        XCTAssertEqual(try DeepFindings.summary(checks), """
            - Sanity: adding an LW-OAS layer does not hurt beyond noise: holds on moons; **fails** for rings (estimate 2.000); \
            *undecided (the interval straddles the margin)* for swissroll (estimate 0.500); \
            *not judged (runs not converged)* for pinwheel (estimate 0.700).
            - PROG-OAS competitive with E2E at the final depth: holds nowhere; **fails** for moons (estimate 3.000), rings (estimate 4.000).
            - sanity_kl_nonnegative: holds.
            - Sanity: adding an LW-RND layer does not hurt beyond noise: holds not; **fails** for (estimate 1.500).
            """)
    }

    /// One method's search over the rates [0.001, 0.003]: final and early validation losses per rate.
    private func search(_ m: DeepMethod, finals: [Double], early: [Double]) -> DeepMethodResult {
        var r = DeepMethodResult(method: m, validationByLearningRate: finals, chosenLearningRate: finals[0] <= finals[1] ? 0.001 : 0.003,
                                 heldOutLossBySeed: [[0]], seedZeroFlows: [:], seedZeroDeltas: [], convergedRuns: 1, totalRuns: 1,
                                 seedZeroTraces: [])
        r.earlyValidationByLearningRate = early
        r.earlyChosenLearningRate = early[0] <= early[1] ? 0.001 : 0.003
        return r
    }

    /// LW-OAS's early ranking keeps its chosen rate; LW-RND's and E2E's keep the other one, whose whole runs end
    /// 0.3 and 0.05 nats worse: two of three differ, the worst by 0.3 nats.
    func testEarlyRankingCountsTheRatesItWouldKeepOtherwise() throws {
        let methods: [DeepMethod] = [.lwOAS, .lwRND, .e2e]
        let differing = DeepProblemResult(id: "square", identityLoss: 0, methods: [
            .lwOAS: search(.lwOAS, finals: [1.0, 1.2], early: [2.0, 2.5]),
            .lwRND: search(.lwRND, finals: [1.0, 1.3], early: [2.0, 1.9]),
            .e2e: search(.e2e, finals: [0.55, 0.5], early: [0.9, .infinity]),
        ], testSet: Matrix(rows: 1, cols: 2))
        let text = try DeepProse.earlyRanking([differing], methods: methods, pairs: "3 methods", depth: 8)
        XCTAssertTrue(text.contains("It keeps a different rate for 2 of the 3 methods; the largest cost, in seed 0's final validation loss at depth 8, is 0.300 nats (LW-RND)."), text)
        XCTAssertTrue(text.contains("after the first 25 % of each search run's steps"), text)
        XCTAssertEqual(DeepProse.learningRateRows(differing, methods: methods).map { Array($0.prefix(3)) },
                       [["LW-OAS", "0.001", "0.001"], ["LW-RND", "0.001", "0.003"], ["E2E", "0.003", "0.001"]])
        // Two problems: the pair is named by its problem; none differing says so.
        let same = DeepProblemResult(id: "moons", identityLoss: 0, methods: [.e2e: search(.e2e, finals: [1, 2], early: [1, 2])], testSet: Matrix(rows: 1, cols: 2))
        let other = DeepProblemResult(id: "rings", identityLoss: 0, methods: [.e2e: search(.e2e, finals: [1, 1.01], early: [2, 1])], testSet: Matrix(rows: 1, cols: 2))
        XCTAssertTrue(try DeepProse.earlyRanking([same, other], methods: [.e2e], pairs: "2 toy × method pairs", depth: 12)
            .contains("is 0.010 nats (rings, E2E)."))
        XCTAssertTrue(try DeepProse.earlyRanking([same], methods: [.e2e], pairs: "1 toy × method pairs", depth: 12)
            .contains("It keeps the same rate as the whole runs for all 1 toy × method pairs."))
    }

    func testDeviationsFollowTheTrainingBudget() throws {
        let ex7 = try DeepProse.deviations(Example7Stage().config(for: .paper).run)
        XCTAssertTrue(ex7.contains("End-to-end flows of depth $d$ get max(8000, 1000·d) Adam steps."), ex7)
        XCTAssertTrue(ex7.contains("on a pool of 65536 fresh samples of $\\mu$"), ex7)
        var ex6 = Example6Stage().config(for: .paper).run
        XCTAssertTrue(try DeepProse.deviations(ex6).contains("End-to-end flows of depth $d$ get 8000 Adam steps."))
        ex6.layerwisePool = nil
        let fresh = try DeepProse.deviations(ex6)
        XCTAssertTrue(fresh.contains("Layer-wise iterations train the new block on a fresh push-forward of $\\mu$ through the frozen blocks every step."), fresh)
        XCTAssertFalse(fresh.contains("pool"), fresh)
    }
}
