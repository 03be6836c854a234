import XCTest
import CouplingTheory
import Report
@testable import Paper

/// Section 4's comparisons under the one decision rule: a Welch interval over seeds against the claim
/// table's margin, a conjunction over depths, and the convergence gate — every expected value by hand.
final class DeepDecisionRuleTests: XCTestCase {
    private func result(_ method: DeepMethod = .lwOAS, seeds rows: [[Double]], converged: [[Bool?]] = []) -> DeepMethodResult {
        var r = DeepMethodResult(method: method, validationByLearningRate: [], chosenLearningRate: 0, heldOutLossBySeed: rows,
                                 seedZeroFlows: [:], seedZeroDeltas: [], convergedRuns: 0, totalRuns: 0, seedZeroTraces: [])
        r.convergedBySeed = converged.isEmpty ? rows.map { $0.map { _ in true } } : converged
        return r
    }

    /// Three seeds spread ±0.1 around the mean at one depth.
    private func side(mean: Double) -> DeepChecks.Side {
        DeepChecks.Side(result(seeds: [[mean], [mean + 0.1], [mean - 0.1]]))
    }

    private let t = DeepTolerances(sanity: 0.01, minimumConvergedSeeds: 2)
    /// The toys' smallest effect of interest and zone (claim table).
    private let margin = ClaimCatalog.toyMargin
    /// SE of a difference of two such means: 0.1·√(2/3); Welch's df with equal spreads and n = 3: 4.
    private var halfWidth: Double { StudentT.quantile(1 - ClaimCatalog.alpha, degreesOfFreedom: 4) * 0.1 * (2.0 / 3).squareRoot() }

    func testBeatsPassesFailsOrIsUndecidedAgainstTheSmallestEffectOfInterest() {
        // Loser 0.5 worse: interval 0.5 ± 0.174 lies above 0.05 → pass.
        let clear = DeepChecks.compare(id: "ex7.moons.e2e_beats_lw_oas_deep", claim: "", side(mean: 1.5), minus: side(mean: 1.0), depths: [1], t: t)
        XCTAssertEqual(clear.status, .pass)
        XCTAssertEqual(clear.measured, 0.5, accuracy: 1e-12)
        XCTAssertEqual(clear.evidence?.interval.low ?? .nan, 0.5 - halfWidth, accuracy: 1e-9)
        // 0.1 better: 0.1 ± 0.174 straddles 0.05 → undecided, with an outlook.
        let close = DeepChecks.compare(id: "ex7.moons.e2e_beats_lw_oas_deep", claim: "", side(mean: 1.1), minus: side(mean: 1.0), depths: [1], t: t)
        XCTAssertEqual(close.status, .inconclusive)
        XCTAssertTrue(close.reason?.contains("seeds per method") ?? false, close.reason ?? "")
        // 0.3 worse: −0.3 ± 0.174 lies entirely below 0.05 → fail.
        let reversed = DeepChecks.compare(id: "ex7.moons.e2e_beats_lw_oas_deep", claim: "", side(mean: 0.7), minus: side(mean: 1.0), depths: [1], t: t)
        XCTAssertEqual(reversed.status, .fail)
        XCTAssertEqual(reversed.measured, -0.3, accuracy: 1e-12)
        XCTAssertEqual(reversed.evidence?.margin.low, margin)
    }

    func testCompetitiveIsAnUpperMarginAndBeingBetterCounts() {
        // PROG 0.05 worse: 0.05 ± 0.174 reaches above 0.05 → undecided.
        let near = DeepChecks.compare(id: "ex7.moons.prog_oas_competitive", claim: "", side(mean: 1.0), minus: side(mean: 0.95), depths: [1], t: t)
        XCTAssertEqual(near.status, .inconclusive)
        // PROG 0.3 better: −0.3 ± 0.174 ≤ 0.05 → pass.
        let better = DeepChecks.compare(id: "ex7.moons.prog_oas_competitive", claim: "", side(mean: 0.7), minus: side(mean: 1.0), depths: [1], t: t)
        XCTAssertEqual(better.status, .pass)
        // PROG 0.4 worse: 0.4 − 0.174 > 0.05 → fail.
        let far = DeepChecks.compare(id: "ex7.moons.prog_oas_competitive", claim: "", side(mean: 1.0), minus: side(mean: 0.6), depths: [1], t: t)
        XCTAssertEqual(far.status, .fail)
    }

    func testOneFailingDepthFailsAClaimOverSeveralDepths() {
        // Depth 1: E2E 0.5 worse (pass); depth 2: 0.3 better (fail) → fail, decided at depth 2.
        let lw = DeepChecks.Side(result(seeds: [[1.0, 1.0], [1.1, 1.1], [0.9, 0.9]]))
        let e2e = DeepChecks.Side(result(.e2e, seeds: [[1.5, 0.7], [1.6, 0.8], [1.4, 0.6]]))
        let c = DeepChecks.compare(id: "ex7.moons.lw_oas_beats_e2e_shallow", claim: "", e2e, minus: lw, depths: [1, 2], t: t)
        XCTAssertEqual(c.status, .fail)
        XCTAssertEqual(c.measured, -0.3, accuracy: 1e-12)
        XCTAssertTrue(c.reason?.contains("decided at depth 2") ?? false, c.reason ?? "")
        // Both depths clear: pass, reported at the tighter one (depth 2: 0.3 ± 0.174, lower end 0.126 > 0.05).
        let e2eBoth = DeepChecks.Side(result(.e2e, seeds: [[1.5, 1.3], [1.6, 1.4], [1.4, 1.2]]))
        let both = DeepChecks.compare(id: "ex7.moons.lw_oas_beats_e2e_shallow", claim: "", e2eBoth, minus: lw, depths: [1, 2], t: t)
        XCTAssertEqual(both.status, .pass)
        XCTAssertTrue(both.reason?.contains("decided at depth 2") ?? false, both.reason ?? "")
    }

    func testAveragedComparisonUsesEachSeedsMeanOverDepths() {
        // Per seed, RND averaged over two depths: 1.2, 1.22, 1.18 (mean 1.2); OAS constant at 1.
        let oas = DeepChecks.Side(result(seeds: [[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]]))
        let rnd = DeepChecks.Side(result(.lwRND, seeds: [[1.3, 1.1], [1.32, 1.12], [1.28, 1.08]]))
        let c = DeepChecks.compareAveraged(id: "ex7.moons.lw_oas_beats_lw_rnd", claim: "", rnd, minus: oas, depths: [1, 2], t: t)
        XCTAssertEqual(c.measured, 0.2, accuracy: 1e-12)
        // OAS has zero spread, RND's averages have s = 0.02: SE = 0.02/√3, df = 2; the interval 0.2 ± 0.034 clears 0.05.
        let half = StudentT.quantile(0.95, degreesOfFreedom: 2) * 0.02 / 3.0.squareRoot()
        XCTAssertEqual(c.evidence?.interval.high ?? .nan, 0.2 + half, accuracy: 1e-9)
        XCTAssertEqual(c.status, .pass)
    }

    func testSeedsToDecideShrinksTheHalfWidthToTheDistance() {
        // Estimate 0.1 at distance 0.05 from the margin, SE 0.0816 with t(0.95, 4) = 2.1318: 3·(2.1318·0.0816/0.05)² = 36.4 → 37.
        let close = DeepChecks.compare(id: "ex7.moons.e2e_beats_lw_oas_deep", claim: "", side(mean: 1.1), minus: side(mean: 1.0), depths: [1], t: t)
        let i = close.evidence!.interval
        let expected = Int((3 * pow(StudentT.quantile(0.95, degreesOfFreedom: i.degreesOfFreedom) * i.standardError / 0.05, 2)).rounded(.up))
        XCTAssertEqual(DeepChecks.seedsToDecide(close, interval: i).needed, expected)
        XCTAssertTrue(close.reason?.contains("about \(expected) seeds per method (now 3)") ?? false, close.reason ?? "")
        // An estimate on the margin: no feasible count.
        let flat = DeepChecks.compare(id: "ex7.moons.e2e_beats_lw_oas_deep", claim: "", side(mean: 1.05), minus: side(mean: 1.0), depths: [1], t: t)
        XCTAssertNil(DeepChecks.seedsToDecide(flat, interval: flat.evidence!.interval).needed)
    }

    func testOneSeedCannotDecideAClaim() {
        let c = DeepChecks.compare(id: "ex7.moons.e2e_beats_lw_oas_deep", claim: "", DeepChecks.Side(result(seeds: [[2.0]])),
                                   minus: DeepChecks.Side(result(seeds: [[1.0]])), depths: [1], t: t)
        XCTAssertEqual(c.status, .inconclusive)
    }

    func testClaimsAreJudgedOnTheSeedsWhoseComparedRunsConverged() {
        // Layer-wise: a depth-d model is blocks 1…d. Seed 1's block 2 did not converge: seed 1 counts
        // at depth 1, not at depths ≥ 2.
        let lw = DeepChecks.Side(result(.lwOAS, seeds: [[1.0, 0.9, 0.8], [1.1, 1.0, 0.9], [0.9, 0.8, 0.7]],
                                        converged: [[true, true, true], [true, false, true], [true, true, true]]))
        XCTAssertEqual(lw.convergedSeeds(at: [1]), [0, 1, 2])
        XCTAssertEqual(lw.convergedSeeds(at: [3]), [0, 2])
        // End-to-end: one run per trained depth; only the compared depths count.
        let e2e = DeepChecks.Side(result(.e2e, seeds: [[2.0, .nan, 1.0], [2.1, .nan, 3.0], [1.9, .nan, 1.2]],
                                         converged: [[true, nil, true], [true, nil, false], [true, nil, true]]))
        XCTAssertEqual(e2e.convergedSeeds(at: [1]), [0, 1, 2])
        XCTAssertEqual(e2e.convergedSeeds(at: [3]), [0, 2])
        // At depth 3 the claim uses seeds 0 and 2 of both: E2E 1.0, 1.2 vs LW 0.8, 0.7: estimate 0.35.
        let c = DeepChecks.compare(id: "ex7.moons.lw_oas_beats_e2e_shallow", claim: "", e2e, minus: lw, depths: [3], t: t)
        XCTAssertEqual(c.measured, 0.35, accuracy: 1e-12)
        XCTAssertEqual(c.evidence?.interval.n, 2)
        XCTAssertTrue(c.reason?.contains("judged on converged seeds only") ?? false, c.reason ?? "")
        // Needing three converged seeds, the same claim is not judged (budget).
        let strict = DeepChecks.compare(id: "ex7.moons.lw_oas_beats_e2e_shallow", claim: "", e2e, minus: lw, depths: [3],
                                        t: DeepTolerances(sanity: 0, minimumConvergedSeeds: 3))
        XCTAssertEqual(strict.status, .inconclusive)
        XCTAssertTrue(strict.reason?.hasPrefix("budget") ?? false, strict.reason ?? "")
    }
}
