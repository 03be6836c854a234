import FlowCore
import Foundation
@testable import Paper
import Report
import XCTest

/// Examples 6 and 7 (deep flows) in the fast profile, plus the pieces they are built from.
final class DeepStagesTests: XCTestCase {
    /// Monte Carlo allowance: 4 standard errors of a sample mean.
    static let standardErrors = 4.0

    private func run<S: Stage>(_ stage: S) throws -> (StageOutput, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deep-\(stage.id)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let context = StageContext(profile: .fast, seed: stage.seed, stageID: stage.id, figuresDirectory: dir)
        return (try stage.runErased(profile: .fast, context: context), dir)
    }

    private func assertFigures(_ names: [String], in dir: URL) {
        for name in names {
            for ext in ["png", "svg"] {
                let path = dir.appendingPathComponent("\(name).\(ext)").path
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                XCTAssertGreaterThan(size ?? 0, 1000, "\(name).\(ext) missing or empty")
            }
        }
    }

    func testExample6FastProfile() throws {
        let stage = Example6Stage()
        let (out, dir) = try run(stage)
        let depth = stage.config(for: .fast).run.depth
        for m in ["lw_oas", "lw_rnd", "e2e"] {
            XCTAssertEqual(out.metrics["kl_by_depth_\(m)"]?.values.count, depth, m)
            // A KL divergence is non-negative; our estimate may dip below 0 only by Monte Carlo noise.
            XCTAssertTrue(out.metrics["kl_by_depth_\(m)"]!.values.allSatisfy { $0 > -0.05 }, m)
        }
        for c in out.checks { XCTAssertTrue(c.pass, "\(c.id): measured \(c.measured), tolerance \(c.tolerance)") }
        XCTAssertEqual(out.checks.count, 4)
        assertFigures(stage.figureNames, in: dir)
    }

    /// Before any layer, KL(μ‖N) for U([−1,1]²) is −log 4 + log 2π + E[½‖x‖²] with E[½‖x‖²] = ½(⅓ + ⅓) = ⅓.
    func testExample6IdentityKLMatchesClosedForm() throws {
        let (out, _) = try run(Example6Stage())
        let expected = -log(4.0) + log(2 * Double.pi) + 1.0 / 3
        // Var[½(x₁² + x₂²)] = ½ Var[x²] = ½(1/5 − 1/9) = 2/45 for x ~ U(−1, 1).
        let se = (2.0 / 45).squareRoot() / Double(Example6Stage().config(for: .fast).run.heldOutCount).squareRoot()
        XCTAssertEqual(out.metrics["kl_identity"]!.values[0], expected, accuracy: Self.standardErrors * se)
    }

    func testExample7FastProfile() throws {
        let stage = Example7Stage()
        let (out, dir) = try run(stage)
        let config = stage.config(for: .fast)
        for toy in ["moons", "8gaussians", "checkerboard", "rings", "pinwheel", "swissroll"] {
            for m in ["lw_oas", "lw_rnd", "prog_oas", "prog_rnd", "e2e"] {
                let v = out.metrics["\(toy).nll_by_depth_\(m)"]?.values ?? []
                XCTAssertEqual(v.count, config.run.depth, "\(toy) \(m)")
                XCTAssertTrue(v.allSatisfy(\.isFinite), "\(toy) \(m)")
                XCTAssertNotNil(out.metrics["\(toy).learning_rate_\(m)"], "\(toy) \(m)")
            }
        }
        XCTAssertEqual(out.checks.count, 7 * 6)
        for c in out.checks { XCTAssertTrue(c.pass, "\(c.id): measured \(c.measured), tolerance \(c.tolerance)") }
        assertFigures(stage.figureNames, in: dir)
    }

    /// Margins by hand: winner [1.0, 0.8, 0.7] vs loser [1.1, 0.85, 0.65] → margins 0.1, 0.05, −0.05.
    func testCheckMarginsByHand() {
        let w = [1.0, 0.8, 0.7], l = [1.1, 0.85, 0.65]
        let every = DeepChecks.beatsAtEveryDepth(id: "a", claim: "", winner: w, loser: l, tolerance: 0)
        XCTAssertEqual(every.measured, -0.05, accuracy: 1e-12)
        XCTAssertFalse(every.pass)
        let shallow = DeepChecks.beatsUpTo(2, id: "b", claim: "", winner: w, loser: l, tolerance: 0)
        XCTAssertEqual(shallow.measured, 0.05, accuracy: 1e-12)
        XCTAssertTrue(shallow.pass)
        let final = DeepChecks.beatsAtFinal(id: "c", claim: "", winner: l, loser: w, tolerance: 0)
        XCTAssertEqual(final.measured, 0.05, accuracy: 1e-12)
        let close = DeepChecks.competitiveAtFinal(id: "d", claim: "", method: w, reference: l, gap: 0.04)
        XCTAssertEqual(close.measured, 0.05, accuracy: 1e-12)
        XCTAssertFalse(close.pass)
        // Runs [1, 0.9, 0.905] and [1, 0.98, 0.97]: largest rise 0.005.
        let sanity = DeepChecks.noWorseWhenGrowing(id: "e", claim: "", lossBySeed: [[1, 0.9, 0.905], [1, 0.98, 0.97]], tolerance: 0.01)
        XCTAssertEqual(sanity.measured, 0.005, accuracy: 1e-12)
        XCTAssertTrue(sanity.pass)
    }

    /// A histogram of points all inside the extent integrates to 1; a point in cell (1, 0) of a 2 × 2
    /// grid over [0, 2]² gives density 1/(N·1·1) there.
    func testHistogramGridIsADensity() throws {
        let x = try Matrix(rowArrays: [[0.5, 0.5], [1.5, 0.5], [1.5, 0.25], [0.2, 1.7]])
        let g = try DeepFigures.histogramGrid(x, extent: 0...2, bins: 2)
        XCTAssertEqual(g.values, [0.25, 0.5, 0.25, 0])
        XCTAssertEqual(g.values.reduce(0, +) * 1 * 1, 1, accuracy: 1e-12)
    }

    /// Results do not depend on the number of worker threads (each job owns its generator).
    func testSuiteIsIndependentOfWorkerCount() throws {
        var config = DeepRunConfig(depth: 2, stepsPerLayer: 5, endToEndSteps: 5, batchSize: 32, hiddenWidths: [4],
                                   learningRates: [1e-3, 1e-2], seeds: 2, oasAngles: 8, oasSamples: 512,
                                   heldOutCount: 256, validationCount: 128, workers: 1)
        let square = try UniformSquare()
        let problem = try DeepSuite.problem(id: "square", density: square, index: 0, config: config, seed: 3)
        let one = try DeepSuite.run(problems: [problem], methods: DeepMethod.allCases, config: config, seed: 3)[0]
        config.workers = 3
        let three = try DeepSuite.run(problems: [problem], methods: DeepMethod.allCases, config: config, seed: 3)[0]
        for m in DeepMethod.allCases {
            XCTAssertEqual(one.methods[m]!.heldOutLossBySeed, three.methods[m]!.heldOutLossBySeed, m.rawValue)
            XCTAssertEqual(one.methods[m]!.chosenLearningRate, three.methods[m]!.chosenLearningRate, m.rawValue)
        }
    }
}
