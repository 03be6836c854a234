import CouplingTheory
import FlowCore
import Foundation
import Report
import XCTest
@testable import Paper

/// Size and power of every kind of empirical check, through the same claim-table margins and decision
/// code the stages use: on the exact object (what a perfect training or estimator would give) the check
/// passes; on a deliberate perturbation of about twice the margin it fails (or at least does not pass).
final class ClaimCalibrationTests: XCTestCase {
    /// Held-out ML loss − Theorem 1 minimum of the layer a′ = (a − m)/σ + shift, with s = −log σ, on
    /// `count` fresh samples: the optimal layer at shift 0, whose true gap is 0; a shift c costs ½c² nats.
    func heldOutGap<D: KnownConditionalDensity>(_ density: D, shift: Double = 0, count: Int = 1 << 16, seed: UInt64) throws -> Double {
        var rng = SeededGenerator(seed: seed)
        let x = try density.sample(count: count, using: &rng)
        var total = 0.0
        for r in 0..<x.rows {
            let p = x[r, 0], (m, sigma) = density.conditionalMoments(p)
            let a = (x[r, 1] - m) / sigma + shift
            total += 0.5 * p * p + 0.5 * a * a + log(sigma)
        }
        return total / Double(x.rows) - TheoremOne.boundMLLoss(of: density)
    }

    func testTrainingGapCheck() throws {
        let exact = try (1...5).map { try heldOutGap(WDensity(), seed: $0) }
        XCTAssertEqual(ClaimCatalog.empirical("theorem1.training_gap_W", claim: "", replicates: exact).status, .pass)
        // A shift of t by c = √(4·0.032) leaves a true gap of ½c² = 0.064, twice the margin.
        let c = (4 * ClaimCatalog.singleLayerMargin).squareRoot()
        let off = try (1...5).map { try heldOutGap(WDensity(), shift: c, seed: $0) }
        XCTAssertEqual(ClaimCatalog.empirical("theorem1.training_gap_W", claim: "", replicates: off).status, .fail)
        // A loss below the minimum by 0.01 nats (an error in the loss or the bound) is not noise: it fails.
        XCTAssertEqual(ClaimCatalog.empirical("theorem1.training_gap_W", claim: "", replicates: exact.map { $0 - 0.01 }).status, .fail)
        // WU: the same check on its own density.
        let wu = try (1...5).map { try heldOutGap(WUDensity(), seed: $0) }
        XCTAssertEqual(ClaimCatalog.empirical("theorem1.training_gap_WU", claim: "", replicates: wu).status, .pass)
    }

    func testFigureOneGapCheckOverAngles() throws {
        let mixture = try GaussianMixture2D.example4(delta: 0.95)
        let angles = stride(from: 0.0, to: 180.0, by: 15.0).map { $0 }
        let exact = try angles.enumerated().map { try heldOutGap(mixture.rotated(byDegrees: $0.element), count: 1 << 15, seed: UInt64($0.offset + 1)) }
        XCTAssertEqual(ClaimCatalog.empirical("fig1.training_gap", claim: "", replicates: exact).status, .pass)
        // ½c² = 2·0.044 at every angle.
        let c = (4 * ClaimCatalog.rotationMargin).squareRoot()
        let off = try angles.enumerated().map { try heldOutGap(mixture.rotated(byDegrees: $0.element), shift: c, count: 1 << 15, seed: UInt64($0.offset + 1)) }
        XCTAssertEqual(ClaimCatalog.empirical("fig1.training_gap", claim: "", replicates: off).status, .fail)
    }

    func testMomentCostCheck() {
        let p = stride(from: -2.0, through: 2.0, by: 0.01).map { $0 }
        let m = p.map { WDensity().conditionalMoments($0).mean }, s = p.map { WDensity().conditionalMoments($0).std }
        let exact = LemmaOneComparison.momentCost(trueMean: m, trueStd: s, learntMean: m, learntStd: s)
        XCTAssertEqual(ClaimCatalog.empirical("lemma1.trained_moment_cost_W", claim: "", replicates: Array(repeating: exact, count: 5)).status, .pass)
        // σ̂ = σ/1.26: (r − 1)² = 0.0676, about twice the margin.
        let off = LemmaOneComparison.momentCost(trueMean: m, trueStd: s, learntMean: m, learntStd: s.map { $0 / 1.26 })
        XCTAssertEqual(off, 0.0676, accuracy: 1e-12)
        XCTAssertEqual(ClaimCatalog.empirical("lemma1.trained_moment_cost_W", claim: "", replicates: Array(repeating: off, count: 5)).status, .fail)
    }

    func testRegretCheck() {
        let delta = { (theta: Double) in Example4ClosedForm(delta: 0.95, thetaDegrees: theta).delta() }
        let grid = (0..<180).map(Double.init)
        let best = grid.max { delta($0) < delta($1) }!
        let regret = { (theta: Double) in delta(best) - delta(theta) }
        // The exact argmax gives nothing away.
        XCTAssertEqual(ClaimCatalog.empirical("ex4.oas_regret_N256", claim: "", replicates: Array(repeating: regret(best), count: 20)).status, .pass)
        // An angle error that costs more than twice the margin.
        let wrong = grid.first { $0 > best && regret($0) > 2 * ClaimCatalog.rotationMargin }!
        XCTAssertEqual(ClaimCatalog.empirical("ex4.oas_regret_N256", claim: "", replicates: Array(repeating: regret(wrong), count: 20)).status, .fail)
    }

    func testDependenceCheck() throws {
        let w = WDensity()
        let exact = try AffineLayerDependence.optimalLayer(w, passiveNodes: 201, outputNodes: 4001).mutualInformation
        XCTAssertEqual(ClaimCatalog.empirical("lemma2.trained_dependence_W", claim: "", replicates: Array(repeating: exact, count: 5)).status, .pass)
        // A layer whose shift misses by 0.8·cos(πp): a′ | p ~ N(0.8 cos πp, 1), so I(a′; p) ≈ ½ log(1 + 0.8²/2) ≈ 0.14 nats.
        let nodes = AffineLayerDependence.passiveNodes(w, count: 201)
        let scale = nodes.map { -log(w.conditionalMoments($0).std) }
        let shift = nodes.indices.map { -w.conditionalMoments(nodes[$0]).mean * exp(scale[$0]) + 0.8 * cos(Double.pi * nodes[$0]) }
        let off = try AffineLayerDependence.compute(w, scale: scale, shift: shift, outputNodes: 4001).mutualInformation
        XCTAssertGreaterThan(off, 2 * ClaimCatalog.singleLayerMargin)
        XCTAssertEqual(ClaimCatalog.empirical("lemma2.trained_dependence_W", claim: "", replicates: Array(repeating: off, count: 5)).status, .fail)
    }

    /// Section 4: two methods whose seeds differ by `effect` on average, with seed-to-seed spread 0.02.
    func comparison(_ id: String, effect: Double) -> CheckStatus {
        let noise = [0.02, -0.01, -0.01]
        let a = noise.map { 1.0 + $0 }, b = noise.reversed().map { 1.0 - effect + $0 }
        return ClaimCatalog.empirical(id, claim: "", interval: .difference(a, minus: b, alpha: ClaimCatalog.alpha)).status
    }

    func testSectionFourChecks() {
        let m = ClaimCatalog.toyMargin
        // "A beats B": an advantage of three margins passes; none does not pass.
        XCTAssertEqual(comparison("ex7.moons.e2e_beats_lw_oas_deep", effect: 3 * m), .pass)
        XCTAssertNotEqual(comparison("ex7.moons.e2e_beats_lw_oas_deep", effect: 0), .pass)
        // "Competitive": equal methods pass, and so does being three margins better; three margins worse fails.
        XCTAssertEqual(comparison("ex7.moons.prog_oas_competitive", effect: 0), .pass)
        XCTAssertEqual(comparison("ex7.moons.prog_oas_competitive", effect: -3 * m), .pass)
        XCTAssertEqual(comparison("ex7.moons.prog_oas_competitive", effect: 3 * m), .fail)
        // "On par" on the square: equal passes, two margins apart fails.
        XCTAssertEqual(comparison("ex6.lw_oas_on_par_with_e2e", effect: 0), .pass)
        XCTAssertEqual(comparison("ex6.lw_oas_on_par_with_e2e", effect: 3 * ClaimCatalog.squareMargin), .fail)
    }

    /// The closed form at large N (ex8): the exact optimal layer passes, a shifted one fails — the same check as training's.
    func testClosedFormGapCheck() throws {
        let exact = try (1...5).map { try heldOutGap(WDensity(), seed: 100 + $0) }
        XCTAssertEqual(ClaimCatalog.empirical("ex8.w.closed_form_gap", claim: "", replicates: exact).status, .pass)
        let off = try (1...5).map { try heldOutGap(WDensity(), shift: 0.36, seed: 100 + $0) }
        XCTAssertEqual(ClaimCatalog.empirical("ex8.w.closed_form_gap", claim: "", replicates: off).status, .fail)
    }
}

/// The claim table and its generated document.
final class ClaimTableTests: XCTestCase {
    func testDocsClaimsIsGeneratedFromTheTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("docs/claims.md"), encoding: .utf8)
        XCTAssertEqual(file, ClaimCatalog.markdown, "docs/claims.md is stale: run `couplinglab claims > docs/claims.md`")
    }

    func testEveryEmpiricalClaimHasAMarginOfWidthAndEveryMathClaimATolerance() {
        for row in ClaimCatalog.table.rows {
            let m = try? XCTUnwrap(row.margin, row.id)
            XCTAssertFalse(m?.low == nil && m?.high == nil, row.id)
            if let l = m?.low, let h = m?.high { XCTAssertLessThan(l, h, "\(row.id): a point null") }
            XCTAssertFalse(row.reason.isEmpty, row.id)
            XCTAssertFalse(row.estimand.isEmpty, row.id)
        }
    }

    /// Each statement of the scoreboard has at least one primary row in the table, and each primary row a statement.
    func testStatementsAndPrimaryRowsMatch() {
        let statements = StageCatalog.statements()
        for row in ClaimCatalog.table.rows where row.primary {
            let example = row.id.replacingOccurrences(of: "<toy>", with: "moons").replacingOccurrences(of: "<case>", with: "W")
                .replacingOccurrences(of: "<density>", with: "w").replacingOccurrences(of: "<set>", with: "hidden8")
            XCTAssertTrue(statements.contains { $0.tests(example) }, "\(row.id) belongs to no statement")
        }
    }

    /// Margins as fixed: 5 % of Δ = 0.632 and of Δmax = 0.879, rounded; the square's 5 % of KL = 0.785.
    func testMarginsAreFivePercentOfTheirEffects() throws {
        XCTAssertEqual(ClaimCatalog.singleLayerMargin, (0.05 * TheoremOne.delta(of: WDensity()).value * 1000).rounded() / 1000)
        XCTAssertEqual(ClaimCatalog.singleLayerMargin, (0.05 * TheoremOne.delta(of: WUDensity()).value * 1000).rounded() / 1000)
        let mixture = try GaussianMixture2D.example4(delta: 0.95)
        let deltaMax = TheoremOne.deltaCurve(anglesDeg: (0..<180).map(Double.init)) { mixture.rotated(byDegrees: $0) }.max()!
        XCTAssertEqual(ClaimCatalog.rotationMargin, (0.05 * deltaMax * 1000).rounded() / 1000)
        let squareKL = -log(4.0) + log(2 * Double.pi) + 1.0 / 3
        XCTAssertEqual(ClaimCatalog.squareMargin, (0.05 * squareKL * 1000).rounded() / 1000)
    }
}
