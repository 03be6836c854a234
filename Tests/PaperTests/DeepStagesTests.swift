import CouplingTheory
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
                XCTAssertGreaterThan(size, 1000, "\(name).\(ext) missing or empty")
            }
        }
    }

    func testExample6FastProfile() throws {
        let stage = Example6Stage()
        let (out, dir) = try run(stage)
        let run = stage.config(for: .fast).run
        for m in ["lw_oas", "lw_rnd", "e2e"] {
            let kl = out.metrics["kl_by_depth_\(m)"]?.values ?? []
            XCTAssertEqual(kl.count, run.depth, m)
            // Trained depths are finite (end-to-end: only its depths), and a KL divergence is non-negative;
            // our estimate may dip below 0 only by Monte Carlo noise.
            let trained = m == "e2e" ? run.endToEndDepths : Array(1...run.depth)
            for d in 1...run.depth { XCTAssertEqual(kl[d - 1].isFinite, trained.contains(d), "\(m) depth \(d)") }
            XCTAssertTrue(kl.filter(\.isFinite).allSatisfy { $0 > -0.05 }, m)
            let converged = out.metrics["converged_fraction_\(m)"]?.values.first ?? .nan
            XCTAssertTrue((0...1).contains(converged), "\(m): converged fraction \(converged)")
            XCTAssertGreaterThan(out.metrics["search_cpu_seconds_\(m)"]?.values.first ?? 0, 0, m)
            XCTAssertGreaterThan(out.metrics["seeds_cpu_seconds_\(m)"]?.values.first ?? 0, 0, m)
        }
        // The cost table: one row per method and the total, whose share is all of it.
        let costRows = try tableRows(out.markdown, header: "| method | search CPU-s | seeds CPU-s | total CPU-s | share |")
        XCTAssertEqual(costRows.map { $0[0] }, ["LW-OAS", "LW-RND", "E2E", "all"])
        XCTAssertEqual(costRows.last?[4], "100 %")
        let rates = run.learningRates.map { String($0) }
        assertEarlyRankingAgreesWithItsTable(out, header: "| method | chosen lr | kept at 25 % | \(rates.map { "lr \($0)" }.joined(separator: " | ")) |",
                                             rates: rates, pairs: "3 methods", metric: { id, _ in "early_learning_rate_\(id)" })
        assertChecksFollowTheRule(out)
        XCTAssertEqual(out.checks.count, 5)
        XCTAssertEqual(out.checks.filter { $0.kind == .selfCheck }.map(\.id), ["ex6.sanity_lw_oas", "ex6.sanity_lw_rnd", "ex6.sanity_kl_nonnegative"])
        // The KL table: E2E's cell is "—" at the depths it is not trained at (3, 5, 6, 7 here), a number at the others.
        let e2eColumn = try tableColumn(out.markdown, header: "| depth | LW-OAS | LW-RND | E2E |", column: 3)
        XCTAssertEqual(e2eColumn.count, run.depth)
        for d in 1...run.depth { XCTAssertEqual(e2eColumn[d - 1] == "—", !run.endToEndDepths.contains(d), "E2E depth \(d): \(e2eColumn[d - 1])") }
        XCTAssertFalse(out.markdown.contains("diverged"), "no run diverged in this profile, so no cell may say so")
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
                let trained = m == "e2e" ? config.run.endToEndDepths : Array(1...config.run.depth)
                XCTAssertEqual(v.indices.filter { v[$0].isFinite }.map { $0 + 1 }, trained.sorted(), "\(toy) \(m)")
                XCTAssertNotNil(out.metrics["\(toy).learning_rate_\(m)"], "\(toy) \(m)")
                XCTAssertNotNil(out.metrics["\(toy).converged_fraction_\(m)"], "\(toy) \(m)")
            }
        }
        // Seven checks per toy, plus the entropy floor where H is known (checkerboard: log 6; 8 gaussians and rings:
        // Monte Carlo over ToyDensity's log-density).
        XCTAssertEqual(out.checks.count, 7 * 6 + 3)
        XCTAssertNotNil(out.metrics["rings.entropy_reference"])
        XCTAssertEqual(out.metrics["checkerboard.entropy_reference"]?.values.first ?? .nan, log(6), accuracy: 1e-12)
        // The NLL table shows depths 1, 2, 3, 6, 12; E2E is trained at 1, 2, 3, 4, 12, so only its L = 6 cell is "—".
        let header = "| toy | method | L = 1 | L = 2 | L = 3 | L = 6 | L = 12 |"
        let e2eRows = try tableRows(out.markdown, header: header).filter { $0[1] == "E2E" }
        XCTAssertEqual(e2eRows.count, 6)
        for row in e2eRows { XCTAssertEqual(row.enumerated().filter { $0.element == "—" }.map(\.offset), [5], "\(row)") }
        XCTAssertFalse(out.markdown.contains("diverged"), "no run diverged in this profile, so no cell may say so")
        let rates = config.run.learningRates.map { String($0) }
        assertEarlyRankingAgreesWithItsTable(out, header: "| toy | method | chosen lr | kept at 25 % | \(rates.map { "val. NLL, lr \($0)" }.joined(separator: " | ")) |",
                                             rates: rates, pairs: "30 toy × method pairs", metric: { id, toy in "\(toy ?? "").early_learning_rate_\(id)" })
        assertChecksFollowTheRule(out)
        assertFigures(stage.figureNames, in: dir)
    }

    /// The learning-rate table's column of the rate an early ranking would keep holds searched rates, its metric
    /// says the same, and the sentence below counts the rows where it differs from the chosen rate.
    private func assertEarlyRankingAgreesWithItsTable(_ out: StageOutput, header: String, rates: [String], pairs: String,
                                                      metric: (String, String?) -> String, file: StaticString = #filePath, line: UInt = #line) {
        guard let rows = try? tableRows(out.markdown, header: header) else { return XCTFail("no table \(header)", file: file, line: line) }
        let hasToy = header.hasPrefix("| toy")
        let methodIDs = ["LW-OAS": "lw_oas", "LW-RND": "lw_rnd", "PROG-OAS": "prog_oas", "PROG-RND": "prog_rnd", "E2E": "e2e"]
        var differ = 0
        for row in rows {
            let (toy, method) = hasToy ? (row[0], row[1]) : (nil, row[0])
            let chosen = row[hasToy ? 2 : 1], kept = row[hasToy ? 3 : 2]
            XCTAssertTrue(rates.contains(kept), "\(row)", file: file, line: line)
            XCTAssertEqual(out.metrics[metric(methodIDs[method]!, toy)]?.values.first.map { String($0) }, kept, "\(row)", file: file, line: line)
            if kept != chosen { differ += 1 }
        }
        let sentence = differ == 0 ? "It keeps the same rate as the whole runs for all \(pairs)."
                                   : "It keeps a different rate for \(differ) of the \(pairs);"
        XCTAssertTrue(out.markdown.contains(sentence), "expected: \(sentence)", file: file, line: line)
    }

    /// The body rows (cells trimmed) of the Markdown table that starts with `header`.
    private func tableRows(_ markdown: String, header: String) throws -> [[String]] {
        let lines = markdown.components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex(of: header), "no table \(header)")
        return lines[(start + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    private func tableColumn(_ markdown: String, header: String, column: Int) throws -> [String] {
        try tableRows(markdown, header: header).map { $0[column] }
    }

    /// The sanity self-check and the budget gate by hand (the comparisons' rule: `DeepDecisionRuleTests`).
    func testSanityAndBudgetGateByHand() {
        func side(_ m: [Double], converged: Bool = true) -> DeepChecks.Side {
            var s = DeepChecks.Side(DeepMethodResult(method: .lwOAS, validationByLearningRate: [], chosenLearningRate: 0,
                                                     heldOutLossBySeed: [m], seedZeroFlows: [:], seedZeroDeltas: [],
                                                     convergedRuns: 0, totalRuns: 0, seedZeroTraces: []))
            s.convergedBySeed = [m.map { _ in converged }]
            return s
        }
        // Runs [1, 0.9, 0.905] and [1, 0.98, 0.97]: largest rise 0.005.
        let sanity = DeepChecks.noWorseWhenGrowing(id: "e", claim: "", lossBySeed: [[1, 0.9, 0.905], [1, 0.98, 0.97]], tolerance: 0.01)
        XCTAssertEqual(sanity.measured, 0.005, accuracy: 1e-12)
        XCTAssertTrue(sanity.pass)
        XCTAssertEqual(sanity.kind, .selfCheck)
        // A method without two converged seeds makes a claim inconclusive (budget), whatever its margin.
        let gate = DeepTolerances(sanity: 0.01, minimumConvergedSeeds: 2)
        let gated = DeepChecks.compare(id: "ex7.moons.e2e_beats_lw_oas_deep", claim: "", side([2.0]), minus: side([1.0], converged: false),
                                       depths: [1], t: gate)
        XCTAssertEqual(gated.status, .inconclusive)
        XCTAssertFalse(gated.pass)
        XCTAssertEqual(gated.measured, 1, accuracy: 1e-12)
        XCTAssertTrue(gated.reason?.contains("LW-OAS 0 of 1 seeds") ?? false, gated.reason ?? "no reason")
    }

    /// The deep suite's criterion reads the improvement from the first point at or after 3/4 of the run to the last.
    func testConvergenceCriterionByHand() {
        let c = DeepRunConfig(depth: 1, stepsPerLayer: 8, endToEndSteps: 8, batchSize: 4, hiddenWidths: [4],
                              learningRates: [1e-3], seeds: 1, validationPoints: 4, convergenceTolerance: 0.01)
        let trace = { (losses: [Double]) in losses.enumerated().map { TracePoint(step: 2 * ($0.offset + 1), loss: $0.element) } }
        XCTAssertTrue(c.convergence.isConverged(trace([3, 2, 1.5, 1.495])))    // 1.5 → 1.495 over steps 6…8
        XCTAssertFalse(c.convergence.isConverged(trace([3, 2, 1.5, 1.48])))    // improved by 0.02
        XCTAssertTrue(c.convergence.isConverged(trace([3, 2, 1.5, 1.6])))      // got worse: no longer improving
        XCTAssertFalse(c.convergence.isConverged([]))
    }

    /// A two-block comparison small enough to train every method in a fraction of a second.
    private func tinyConfig(steps: Int, seeds: Int) -> DeepRunConfig {
        DeepRunConfig(depth: 2, stepsPerLayer: steps, endToEndSteps: steps, batchSize: 32, hiddenWidths: [4], learningRates: [1e-3, 1e-2],
                      seeds: seeds, oasAngles: 8, oasSamples: 512, heldOutCount: 256, validationCount: 128, validationPoints: 4)
    }

    /// A job folder removed after the test.
    private func temporaryJobFolder() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// With a job cache, a second run trains nothing and reproduces the first; a damaged job file is
    /// recomputed with a warning.
    func testJobCacheServesEveryJobAndRecomputesDamagedOnes() throws {
        let config = tinyConfig(steps: 8, seeds: 2)
        let dir = temporaryJobFolder()
        let warnings = LineSink(), lines = LineSink()
        let store = JobStore(directory: dir, codeDigest: "test", warn: { warnings.add($0) })
        let grid = { JobGrid(store: store, shard: nil, budget: WorkerBudget(limit: 2), log: { lines.add($0) }) }
        let problem = try DeepSuite.problem(id: "square", density: try UniformSquare(), index: 0, config: config, seed: 5)
        let first = try DeepSuite.run(problems: [problem], methods: DeepMethod.allCases, config: config, seed: 5, grid: grid())[0]
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".job") }.sorted()
        XCTAssertFalse(files.isEmpty)
        let second = try DeepSuite.run(problems: [problem], methods: DeepMethod.allCases, config: config, seed: 5, grid: grid())[0]
        XCTAssertTrue(lines.text.contains("training jobs: 0 trained, \(files.count) from the job cache"), lines.text)
        // Truncate one job file: a warning names it, and the result is the same after recomputing.
        let damaged = dir.appendingPathComponent(files[0])
        let bytes = try Data(contentsOf: damaged)
        try bytes.prefix(bytes.count / 2).write(to: damaged)
        let third = try DeepSuite.run(problems: [problem], methods: DeepMethod.allCases, config: config, seed: 5, grid: grid())[0]
        XCTAssertTrue(warnings.text.contains(files[0]), warnings.text)
        XCTAssertTrue(lines.text.contains("training jobs: 1 trained"), lines.text)
        for m in DeepMethod.allCases {
            XCTAssertEqual(first.methods[m]!.heldOutLossBySeed.description, second.methods[m]!.heldOutLossBySeed.description, m.rawValue)
            XCTAssertEqual(first.methods[m]!.heldOutLossBySeed.description, third.methods[m]!.heldOutLossBySeed.description, m.rawValue)
        }
    }

    /// A `--shard` process runs the search and its own seed jobs, then stops where it needs a job another
    /// shard owns (`ShardRunComplete`); the second shard finds the first one's jobs in the cache, runs its
    /// own, and has them all. An assembling run then trains nothing.
    func testShardsSplitTheSeedJobsAndStopAtTheOthers() throws {
        let config = tinyConfig(steps: 6, seeds: 3)
        let dir = temporaryJobFolder()
        let store = JobStore(directory: dir, codeDigest: "test")
        let problem = try DeepSuite.problem(id: "square", density: try UniformSquare(), index: 0, config: config, seed: 5)
        let run = { (grid: JobGrid) in try DeepSuite.run(problems: [problem], methods: DeepMethod.allCases, config: config, seed: 5, grid: grid) }
        let first = JobGrid(store: store, shard: Shard(index: 1, count: 2), budget: WorkerBudget(limit: 2))
        XCTAssertThrowsError(try run(first)) { XCTAssertTrue($0 is ShardRunComplete, "\($0)") }
        let second = JobGrid(store: store, shard: Shard(index: 2, count: 2), budget: WorkerBudget(limit: 2))
        _ = try run(second)
        XCTAssertGreaterThan(first.counts.trained, 0)
        XCTAssertGreaterThan(second.counts.trained, 0, "the second shard trained its own seed jobs")
        let assembled = JobGrid(store: store, shard: nil, budget: WorkerBudget(limit: 2))
        _ = try run(assembled)
        XCTAssertEqual(assembled.counts.trained, 0)
    }

    /// The training cost counts every job the grid trained exactly once, split into the search and the
    /// seeds: seed 0 at the chosen rate is the search's run, not counted again. A rerun served from the
    /// cache reports the same seconds (the times the jobs took when trained).
    func testTrainingCostCountsEveryTrainedJobOnce() throws {
        let config = tinyConfig(steps: 6, seeds: 3)
        let dir = temporaryJobFolder()
        let problem = try DeepSuite.problem(id: "square", density: try UniformSquare(), index: 0, config: config, seed: 5)
        let trained = LineSink()
        func run() throws -> DeepSuiteRuns {
            let grid = JobGrid(store: JobStore(directory: dir, codeDigest: "test"), shard: nil, budget: WorkerBudget(limit: 2), onJobFinished: { event in
                if event.source == .trained { trained.add(String(event.cpuSeconds!)) }
            })
            return try DeepSuite.train(problems: [problem], methods: DeepMethod.allCases, config: config, seed: 5, grid: grid)
        }
        let runs = try run()
        let eventSeconds = trained.text.split(separator: "\n").map { Double($0)! }
        let search = config.learningRates.count
        for pair in runs.pairs {
            let (searchJobs, seedJobs) = runs.jobsByPhase(pair)
            let depths = pair.method == .e2e ? config.endToEndDepths.count : 1
            XCTAssertEqual(searchJobs.count, search, pair.method.rawValue)
            XCTAssertEqual(seedJobs.count, config.seeds * depths - 1, pair.method.rawValue)
            XCTAssertTrue(Set(searchJobs).isDisjoint(with: seedJobs), pair.method.rawValue)
        }
        let costs = try runs.pairs.map { try XCTUnwrap(runs.cost($0)) }
        XCTAssertEqual(eventSeconds.count, runs.pairs.reduce(0) { n, p in n + runs.jobsByPhase(p).search.count + runs.jobsByPhase(p).seeds.count })
        XCTAssertEqual(costs.reduce(0) { $0 + $1.total }, eventSeconds.reduce(0, +), accuracy: 1e-9)
        XCTAssertTrue(costs.allSatisfy { $0.search > 0 && $0.seeds > 0 })
        let again = try run()
        XCTAssertEqual(trained.text.split(separator: "\n").count, eventSeconds.count, "the rerun trained nothing")
        XCTAssertEqual(try runs.pairs.map { try XCTUnwrap(again.cost($0)) }, costs)
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
        let config = tinyConfig(steps: 5, seeds: 2)
        let square = try UniformSquare()
        let problem = try DeepSuite.problem(id: "square", density: square, index: 0, config: config, seed: 3)
        func run(threads: Int) throws -> DeepProblemResult {
            try DeepSuite.run(problems: [problem], methods: DeepMethod.allCases, config: config, seed: 3,
                              grid: JobGrid(store: nil, shard: nil, budget: WorkerBudget(limit: threads)))[0]
        }
        let one = try run(threads: 1), three = try run(threads: 3)
        for m in DeepMethod.allCases {
            // NaN (end-to-end depths not trained) compares unequal to itself: compare the printed form.
            XCTAssertEqual(one.methods[m]!.heldOutLossBySeed.description, three.methods[m]!.heldOutLossBySeed.description, m.rawValue)
            XCTAssertEqual(one.methods[m]!.chosenLearningRate, three.methods[m]!.chosenLearningRate, m.rawValue)
        }
    }
}

/// Collects lines written from worker threads.
final class LineSink: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}
