import Foundation
import XCTest
@testable import Paper
import Report

/// Stages ex4, ex5 and fig1 in the FAST profile: every check follows the decision rule (the exact
/// mathematics verified, the erratum refuted, self-checks passing), the results.json metrics exist with the
/// right shapes, hand-derived values hold, and the figures are written. Release builds only (they train and sample).
final class RotationStagesTests: XCTestCase {
    /// Example 4's mixture: δ = 0.95, σ² = 1 − δ² = 0.0975.
    let componentVariance = 1 - 0.95 * 0.95
    /// Agreement of curve values with the hand-derived closed forms (both are quadrature-exact).
    let closedFormTolerance = 1e-8
    /// `lemma2.test_power` may fall short with only 10 repetitions in the fast profile: a finding about the test.
    let selfCheckFindings: Set<String> = ["lemma2.test_power"]

    func testExample4Fast() throws {
        let (output, figures) = try run(Example4Stage())
        assertChecks(output)
        let theta = try values(output, "theta_deg"), delta = try values(output, "delta_analytic")
        XCTAssertEqual(theta.count, 180)
        XCTAssertEqual(theta.first, 0)
        XCTAssertEqual(theta.last, 179)
        XCTAssertEqual(delta.count, 180)
        // θ = 0: a | p ~ N(0, σ²) for every p, so Δ = ½(σ² − 1 − log σ²) (Eq. 20 with m = 0).
        XCTAssertEqual(delta[0], 0.5 * (componentVariance - 1 - log(componentVariance)), accuracy: closedFormTolerance)
        // θ = 90°: p carries no information about a, m = 0 and σ = 1, so Δ = 0.
        XCTAssertEqual(delta[90], 0, accuracy: closedFormTolerance)
        // Even in θ: Δ(θ) = Δ(180° − θ).
        XCTAssertEqual(delta[30], delta[150], accuracy: closedFormTolerance)
        // An independent NumPy Riemann sum put the maximum between 45° and 50° (≈ 0.879 nats).
        let argmax = try values(output, "analytic_argmax_deg")[0]
        XCTAssert((45...50).contains(argmax), "argmax \(argmax)")
        XCTAssertEqual(try values(output, "delta_max")[0], 0.879, accuracy: 0.002)
        for n in [64, 128, 256, 1024, 8192] {
            let angles = try values(output, "oas_argmax_deg_N\(n)")
            XCTAssertEqual(angles.count, Example4Stage().config(for: .fast).seedsPerSize)
            XCTAssert(angles.allSatisfy { (0..<180).contains($0) })
        }
        // Every N: per-seed angle errors and regrets; the regret is never negative (θ̂ lies on the exact grid), and
        // N = 256 is the primary check of the claim.
        let seeds = Example4Stage().config(for: .fast).seedsPerSize
        for n in [64, 128, 256, 1024, 8192] {
            let errors = try values(output, "angle_error_deg_N\(n)")
            XCTAssertEqual(errors.count, seeds)
            XCTAssert(errors.allSatisfy { abs($0) <= 90 })
            let regrets = try values(output, "oas_regret_N\(n)")
            XCTAssertEqual(regrets.count, seeds)
            XCTAssert(regrets.allSatisfy { $0 >= 0 && $0 <= 0.879 }, "\(regrets)")
            let check = try XCTUnwrap(output.checks.first { $0.id == "ex4.oas_regret_N\(n)" })
            XCTAssertEqual(check.primary, n == 256)
        }
        XCTAssertLessThan(try values(output, "delta_bias_at_optimum_se_N8192")[0], try values(output, "delta_bias_at_optimum_se_N256")[0])
        assertFigures(figures, ["fig4"])
    }

    func testExample5Fast() throws {
        let (output, figures) = try run(Example5Stage())
        assertChecks(output)
        for key in ["W", "WU", "skew_positive_g", "counterexample"] {
            for name in ["hsic_", "p_value_", "p_value_optimal_layer_", "p_value_before_"] {
                let v = try values(output, name + key)
                XCTAssertEqual(v.count, 1)
                XCTAssert(v[0].isFinite)
            }
            // The test has power: before the layer, a depends on p through m(p) in every case.
            XCTAssertLessThanOrEqual(try values(output, "p_value_before_" + key)[0], 0.01)
        }
        // Lemma 2 for the exact optimal layer: W and WU independent, the counter-example not.
        XCTAssertGreaterThanOrEqual(try values(output, "p_value_optimal_layer_W")[0], 0.01)
        XCTAssertGreaterThanOrEqual(try values(output, "p_value_optimal_layer_WU")[0], 0.01)
        XCTAssertLessThanOrEqual(try values(output, "p_value_optimal_layer_counterexample")[0], 0.01)
        // The sign of g, in pairs: the same skewed noise is independent of p with g > 0 and not with sign(p)·σ(p).
        XCTAssertGreaterThanOrEqual(try values(output, "p_value_optimal_layer_skew_positive_g")[0], 0.01)
        // On the exact laws: the restated lemma verified, the printed one refuted, with E[a′³ | p] = 2·sign(p).
        XCTAssertEqual(output.checks.first { $0.id == "lemma2.exact_independence" }?.status, .pass)
        let printed = try XCTUnwrap(output.checks.first { $0.id == "lemma2_printed.exact_counterexample" })
        XCTAssertEqual(printed.kind, .claim)
        XCTAssertEqual(printed.status, .fail, "Lemma 2 as printed must be refuted by the sign-changing g")
        XCTAssertGreaterThan(printed.measured, 0.1)
        let p = try values(output, "exact_third_moment_p"), m3 = try values(output, "exact_third_moment_counterexample")
        for (x, m) in zip(p, m3) { XCTAssertEqual(m, x < 0 ? -2 : 2, accuracy: 1e-8) }
        // The trained layers' dependence: one value per seed, never negative beyond the computation's error.
        for key in ["W", "WU", "skew_positive_g", "counterexample"] {
            let mi = try values(output, "mutual_information_\(key)")
            XCTAssertEqual(mi.count, Example5Stage().config(for: .fast).seeds)
            XCTAssert(mi.allSatisfy { $0 > -1e-3 }, "\(key): \(mi)")
        }
        // The test runs at the sample size its power study chose, and that size is one of those tried.
        let n = try values(output, "test_samples")[0]
        let tried = try values(output, "power_sample_sizes"), rates = try values(output, "power_rejection_rates")
        XCTAssertEqual(tried.count, rates.count)
        XCTAssert(tried.contains(n), "test size \(n) not among \(tried)")
        XCTAssert(rates.allSatisfy { (0...1).contains($0) })
        assertFigures(figures, ["lemma2"])
    }

    func testFigure1Fast() throws {
        let (output, figures) = try run(Figure1Stage())
        assertChecks(output)
        let angles = try values(output, "angles_deg")
        XCTAssertGreaterThanOrEqual(angles.count, 12)
        for name in ["trained_losses", "gaps", "bound_at_angles", "trained_loss_se"] {
            XCTAssertEqual(try values(output, name).count, angles.count, name)
        }
        // One claim, decided over the angles: its estimate is the mean gap and its replicates are the angles.
        let claims = output.checks.filter { $0.kind == .claim }
        XCTAssertEqual(claims.map(\.id), ["fig1.training_gap"])
        let gaps = try values(output, "paired_gaps")
        XCTAssertEqual(claims[0].measured, gaps.reduce(0, +) / Double(gaps.count), accuracy: 1e-12)
        XCTAssertEqual(claims[0].evidence?.interval.n, angles.count)
        // Without a layer the ML loss is ½E‖x‖² = ½(δ² + 2σ²) = ½(1 + σ²) for every rotation, and at
        // θ = 90° Δ = 0, so the bound there equals it; at θ = 0 it is lower by ½(σ² − 1 − log σ²).
        let mlBefore = 0.5 * (1 + componentVariance)
        let theta = try values(output, "theta_deg"), bound = try values(output, "bound_curve")
        XCTAssertEqual(try values(output, "ml_loss_before")[0], mlBefore, accuracy: closedFormTolerance)
        XCTAssertEqual(bound[theta.firstIndex(of: 90)!], mlBefore, accuracy: closedFormTolerance)
        XCTAssertEqual(bound[0], mlBefore - 0.5 * (componentVariance - 1 - log(componentVariance)), accuracy: closedFormTolerance)
        assertFigures(figures, ["fig1"])
    }

    // MARK: helpers

    /// Runs a stage in the fast profile into a fresh temporary folder.
    func run<S: Stage>(_ stage: S) throws -> (StageOutput, URL) {
        #if DEBUG
        throw XCTSkip("stage tests train models and run in release builds only (swift test -c release -Xswiftc -enable-testing)")
        #else
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rot-stages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let context = StageContext(profile: .fast, seed: stage.seed, stageID: stage.id, figuresDirectory: folder)
        return (try stage.run(config: stage.config(for: .fast), context: context), folder)
        #endif
    }

    func assertChecks(_ output: StageOutput, file: StaticString = #filePath, line: UInt = #line) {
        assertChecksFollowTheRule(output, selfCheckFindings: selfCheckFindings, file: file, line: line)
    }

    func values(_ output: StageOutput, _ name: String) throws -> [Double] {
        try XCTUnwrap(output.metrics[name], "missing metric \(name)").values
    }

    func assertFigures(_ folder: URL, _ names: [String], file: StaticString = #filePath, line: UInt = #line) {
        for name in names {
            for ext in ["png", "svg"] {
                let url = folder.appendingPathComponent("\(name).\(ext)")
                let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
                XCTAssertGreaterThan(size, 1000, "\(name).\(ext) missing or empty", file: file, line: line)
            }
        }
    }
}
