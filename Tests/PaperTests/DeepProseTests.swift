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
