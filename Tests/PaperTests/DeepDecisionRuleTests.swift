import XCTest
import CouplingTheory
@testable import Paper

/// The paper profile's decision rule for Section 4 margins (2 SE over seeds) and the convergence
/// gate on the runs a claim compares, with every expected value worked out by hand.
final class DeepDecisionRuleTests: XCTestCase {
    private func result(_ method: DeepMethod = .lwOAS, seeds rows: [[Double]], converged: [[Bool?]] = []) -> DeepMethodResult {
        var r = DeepMethodResult(method: method, validationByLearningRate: [], chosenLearningRate: 0, heldOutLossBySeed: rows,
                                 seedZeroFlows: [:], seedZeroDeltas: [], convergedRuns: 0, totalRuns: 0, seedZeroTraces: [])
        r.convergedBySeed = converged.isEmpty ? rows.map { $0.map { _ in true } } : converged
        return r
    }

    /// Three seeds spread ±0.1 around the mean: SE of each mean 0.1/√3, of a difference 0.1·√(2/3) ≈ 0.0816.
    private func side(mean: Double) -> DeepChecks.Side {
        DeepChecks.Side(result(seeds: [[mean], [mean + 0.1], [mean - 0.1]]))
    }

    private let t = DeepTolerances(beats: 0, competitive: 0.2, sanity: 0.01, minimumConvergedSeeds: 2, marginSEs: 2)

    func testBeatsPassesFailsOrIsInconclusiveByTwoStandardErrors() {
        let seDiff = 0.1 * (2.0 / 3).squareRoot()
        // Margin 0.5 > 2·0.0816: pass.
        let clear = DeepChecks.beats(id: "a", claim: "", winner: side(mean: 1.0), loser: side(mean: 1.5), depths: [1], t: t)
        XCTAssertEqual(clear.status, .pass)
        XCTAssertEqual(clear.measured, 0.5, accuracy: 1e-12)
        XCTAssertEqual(clear.lower ?? .nan, 2 * seDiff, accuracy: 1e-12)
        // Margin 0.1 < 0.163: neither way beyond noise.
        let close = DeepChecks.beats(id: "b", claim: "", winner: side(mean: 1.0), loser: side(mean: 1.1), depths: [1], t: t)
        XCTAssertEqual(close.status, .inconclusive)
        XCTAssertTrue(close.reason?.hasPrefix("seed noise") ?? false, close.reason ?? "")
        // Margin −0.3 < −0.163: the reverse holds, a failure.
        let reversed = DeepChecks.beats(id: "c", claim: "", winner: side(mean: 1.0), loser: side(mean: 0.7), depths: [1], t: t)
        XCTAssertEqual(reversed.status, .fail)
        XCTAssertEqual(reversed.measured, -0.3, accuracy: 1e-12)
    }

    func testAnUndecidedMarginSaysHowManySeedsWouldDecideIt() {
        // Margin 0.1 against SE 0.1·√(2/3): z = √(3/2), so 3·(2/z)² = 3·8/3 = 8 seeds per method.
        let close = DeepChecks.beats(id: "b", claim: "", winner: side(mean: 1.0), loser: side(mean: 1.1), depths: [1], t: t)
        XCTAssertEqual(close.status, .inconclusive)
        XCTAssertTrue(close.reason?.contains("about 8 seeds per method (now 3)") ?? false, close.reason ?? "")
        // "Within 0.2": gap 0.05 lies 0.15 below the allowance; 3·(2·SE/0.15)² = 3·32/27 = 32/9 ≈ 3.56 → 4 seeds.
        let near = DeepChecks.competitive(id: "e", claim: "", method: side(mean: 1.0), reference: side(mean: 0.95), depth: 1, gap: 0.2, t: t)
        XCTAssertEqual(near.status, .inconclusive)
        XCTAssertTrue(near.reason?.contains("about 4 seeds per method (now 3)") ?? false, near.reason ?? "")
        // A margin of 0.001 at this spread: 3·(0.163/0.001)² ≈ 80 000 seeds, beyond any feasible count.
        let flat = DeepChecks.beats(id: "i", claim: "", winner: side(mean: 1.0), loser: side(mean: 1.001), depths: [1], t: t)
        XCTAssertEqual(flat.status, .inconclusive)
        XCTAssertTrue(flat.reason?.contains("no feasible number of seeds") ?? false, flat.reason ?? "")
        // Decided checks carry no outlook.
        let clear = DeepChecks.beats(id: "a", claim: "", winner: side(mean: 1.0), loser: side(mean: 1.5), depths: [1], t: t)
        XCTAssertFalse(clear.reason?.contains("seeds per method") ?? false)
    }

    func testSeedsToDecideIsTheSeedCountThatShrinksTwoStandardErrorsToTheDistance() {
        // SE 0.02 at 3 seeds, distance 0.01: 3·(2·0.02/0.01)² = 48.
        XCTAssertEqual(DeepChecks.seedsToDecide(distance: 0.01, se: 0.02, seeds: 3, 3, k: 2)?.needed, 48)
        XCTAssertEqual(DeepChecks.seedsToDecide(distance: -0.01, se: 0.02, seeds: 2, 3, k: 2)?.needed, 48)
        // Already decided at this spread: one seed's SE would do (3·(0.5)² = 0.75 → 1).
        XCTAssertEqual(DeepChecks.seedsToDecide(distance: 0.08, se: 0.02, seeds: 3, 3, k: 2)?.needed, 1)
        XCTAssertNil(DeepChecks.seedsToDecide(distance: 0, se: 0.02, seeds: 3, 3, k: 2)?.needed)
        XCTAssertNil(DeepChecks.seedsToDecide(distance: 0.01, se: 0.02, seeds: 3, 3, k: 0))
        XCTAssertNil(DeepChecks.seedsToDecide(distance: 0.01, se: .nan, seeds: 3, 3, k: 2))
    }

    func testOneClearReversalFailsAClaimOverSeveralDepths() {
        // Depth 1: margin +0.5 (clear); depth 2: margin −0.3 (clearly reversed) → fail, reported at depth 2.
        let w = DeepChecks.Side(result(seeds: [[1.0, 1.0], [1.1, 1.1], [0.9, 0.9]]))
        let l = DeepChecks.Side(result(seeds: [[1.5, 0.7], [1.6, 0.8], [1.4, 0.6]]))
        let c = DeepChecks.beats(id: "d", claim: "", winner: w, loser: l, depths: [1, 2], t: t)
        XCTAssertEqual(c.status, .fail)
        XCTAssertEqual(c.measured, -0.3, accuracy: 1e-12)
        XCTAssertTrue(c.reason?.contains("at depth 2") ?? false, c.reason ?? "")
    }

    func testCompetitiveNeedsTheGapPlusTwoStandardErrorsWithinTheAllowance() {
        let seDiff = 0.1 * (2.0 / 3).squareRoot()
        // Gap 0.05: 0.05 + 0.163 > 0.2 → inconclusive; with allowance 0.3 → pass.
        let near = DeepChecks.competitive(id: "e", claim: "", method: side(mean: 1.0), reference: side(mean: 0.95), depth: 1, gap: 0.2, t: t)
        XCTAssertEqual(near.status, .inconclusive)
        let wide = DeepChecks.competitive(id: "f", claim: "", method: side(mean: 1.0), reference: side(mean: 0.95), depth: 1, gap: 0.3, t: t)
        XCTAssertEqual(wide.status, .pass)
        XCTAssertEqual(wide.upper ?? .nan, 0.3 - 2 * seDiff, accuracy: 1e-12)
        // Gap 0.4: 0.4 − 0.163 > 0.2 → fail.
        let far = DeepChecks.competitive(id: "g", claim: "", method: side(mean: 1.0), reference: side(mean: 0.6), depth: 1, gap: 0.2, t: t)
        XCTAssertEqual(far.status, .fail)
    }

    func testOneSeedCannotDecideAClaim() {
        let c = DeepChecks.beats(id: "h", claim: "", winner: DeepChecks.Side(result(seeds: [[1.0]])),
                                 loser: DeepChecks.Side(result(seeds: [[2.0]])), depths: [1], t: t)
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
        // At depth 3 the claim uses seeds 0 and 2 of both: E2E 1.0, 1.2 (mean 1.1, SE 0.1414/√2 = 0.1) vs
        // LW 0.8, 0.7 (mean 0.75, SE 0.0707/√2 = 0.05): margin 0.35 > 2·√(0.1² + 0.05²) = 0.224, a pass.
        let c = DeepChecks.beats(id: "i", claim: "", winner: lw, loser: e2e, depths: [3],
                                 t: DeepTolerances(beats: 0, competitive: 0, sanity: 0, minimumConvergedSeeds: 2, marginSEs: 2))
        XCTAssertEqual(c.measured, 0.35, accuracy: 1e-12)
        XCTAssertEqual(c.lower ?? .nan, 2 * hypot(0.1, 0.05), accuracy: 1e-12)
        XCTAssertEqual(c.status, .pass)
        XCTAssertTrue(c.reason?.contains("judged on converged seeds only") ?? false, c.reason ?? "")
        // Needing three converged seeds, the same claim is not judged.
        let strict = DeepChecks.beats(id: "j", claim: "", winner: lw, loser: e2e, depths: [3],
                                      t: DeepTolerances(beats: 0, competitive: 0, sanity: 0, minimumConvergedSeeds: 3, marginSEs: 2))
        XCTAssertEqual(strict.status, .inconclusive)
        XCTAssertTrue(strict.reason?.hasPrefix("budget") ?? false, strict.reason ?? "")
    }
}
