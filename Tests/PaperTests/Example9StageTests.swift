import CouplingTheory
import FlowCore
import Foundation
@testable import Paper
import Report
import XCTest

/// Example 9 (general OAS in D > 2) in the fast profile, plus the pieces it is built from.
final class Example9StageTests: XCTestCase {



    // MARK: the hidden data set

    private func assertOrthogonal(_ q: Matrix, file: StaticString = #filePath, line: UInt = #line) throws {
        let p = try q.multiplied(by: q.transposed)
        for i in 0..<q.rows { for j in 0..<q.cols { XCTAssertEqual(p[i, j], i == j ? 1 : 0, accuracy: 1e-10, file: file, line: line) } }
    }

    /// Q*·R must act inside each toy's pair: row i (passive) and row K+i (active) touch only
    /// columns 2i, 2i+1 of y — that is what makes it the known answer.
    func testOracleRotationUndoesTheHiddenRotationPairByPair() throws {
        let set = try HiddenToyStack(toys: [.eightGaussians, .checkerboard, .moons, .pinwheel], seed: 3)
        let oracle = try set.oracleRotation(anglesDeg: [10, 20, 30, 40])
        try assertOrthogonal(oracle)
        let onY = try oracle.multiplied(by: set.rotation)
        for i in 0..<4 {
            for col in 0..<8 where col / 2 != i {
                XCTAssertEqual(onY[i, col], 0, accuracy: 1e-12)
                XCTAssertEqual(onY[4 + i, col], 0, accuracy: 1e-12)
            }
            // The passive row is (cos θ, sin θ)-like: unit length inside its pair.
            XCTAssertEqual(hypot(onY[i, 2 * i], onY[i, 2 * i + 1]), 1, accuracy: 1e-12)
        }
        XCTAssertThrowsError(try set.oracleRotation(anglesDeg: [0, 0]))
    }

    /// Undoing R must give back uncorrelated pairs of unit-scale toys: the sample covariance of
    /// Rᵀx across different toys is ≈ 0 (independent toys), 4 SE of a product of unit-variance variables.
    func testHiddenSamplesAreARotatedStackOfIndependentToys() throws {
        let set = try HiddenToyStack(toys: [.eightGaussians, .moons], seed: 5)
        var rng = SeededGenerator(seed: 11)
        let n = 20_000
        let y = try set.sample(count: n, using: &rng).rotatingRows(by: set.rotation.transposed)
        var cross = 0.0
        for r in 0..<n { cross += y[r, 0] * y[r, 2] }
        XCTAssertEqual(cross / Double(n), 0, accuracy: 4 * 1.3 / Double(n).squareRoot())
        XCTAssertEqual(set.dimension, 4)
    }

    /// The known answer must carry more Δ̂ than random rotations do: each toy is strongly
    /// non-Gaussian along its best 2D direction, while a random rotation mixes the four toys.
    func testKnownAnswerHasLargerDeltaThanRandomRotations() throws {
        let set = try HiddenToyStack(toys: [.eightGaussians, .checkerboard, .moons, .pinwheel], seed: 9)
        var rng = SeededGenerator(seed: 2)
        let pairs = try set.pairOAS(count: 4096, angles: 36, using: &rng)
        let oracle = try set.oracleRotation(anglesDeg: pairs.map(\.angleDeg))
        let x = try set.sample(count: 4096, using: &rng)
        let knn = DeltaEstimator.nearestNeighbours(NearestNeighbourConfig(neighbours: 32, maxQueries: 256))
        let known = try SampleDelta.estimate(samples: x, rotation: oracle, passiveDimension: 4, estimator: knn)
        for _ in 0..<3 {
            let q = try OrthogonalMatrices.haarOrthogonal(dimension: 8, special: true, using: &rng)
            XCTAssertGreaterThan(known, (try SampleDelta.estimate(samples: x, rotation: q, passiveDimension: 4, estimator: knn)))
        }
    }

    func testCandidateZeroIsTheOracleAndAllCandidatesAreRotations() throws {
        var start = SeededGenerator(seed: 77)
        let oracle = try OrthogonalMatrices.haarOrthogonal(dimension: 6, special: true, using: &start)
        let config = CandidateRanking.Config(candidates: 5, maxPerturbationDeg: 60, hiddenWidths: [2],
                                             training: TrainingPlan(steps: 1, batchSize: 1, learningRate: 1e-3))
        var rng = SeededGenerator(seed: 4)
        XCTAssertEqual(CandidateRanking.rotation(0, oracle: oracle, config: config, using: &rng).values, oracle.values)
        for c in 1..<5 {
            let q = CandidateRanking.rotation(c, oracle: oracle, config: config, using: &rng)
            try assertOrthogonal(q)
            XCTAssertGreaterThan(zip(q.values, oracle.values).map { abs($0 - $1) }.max()!, 1e-3)
        }
    }

    /// A candidate's training counts as converged when the mean training loss of its last tenth is within
    /// the tolerance of the tenth before (the one convergence rule, read on window means of the history).
    func testConvergenceCriterionComparesTheLastTwoTenths() {
        let rule = { (tolerance: Double) in ConvergenceRule(tolerance: tolerance, tail: 10) }
        let flat = [Double](repeating: 1, count: 100)
        XCTAssertTrue(rule(0.01).isConverged(history: flat))
        let falling = (0..<100).map { 2 - Double($0) / 50 }   // drops 0.2 between the two last tenths
        XCTAssertFalse(rule(0.1).isConverged(history: falling))
        XCTAssertTrue(rule(0.25).isConverged(history: falling))
    }

    // MARK: the real data set

    func testRealDataLoadsAndSplitsStandardised() throws {
        let table = try TabularSet(relativePath: Example9Stage.realData, columns: Example9Stage.meanColumns).load()
        XCTAssertEqual(table.values.rows, 569)
        XCTAssertEqual(table.values.cols, 10)
        XCTAssertEqual(table.values[0, 0], 17.99)   // first row of the UCI file: radius 17.99
        let (train, test) = try TabularSet.split(table.values, testFraction: 0.25, seed: 1)
        XCTAssertEqual(test.rows, 142)
        XCTAssertEqual(train.rows + test.rows, 569)
        for j in 0..<train.cols {
            let col = train.column(j), m = col.reduce(0, +) / Double(col.count)
            let v = col.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(col.count - 1)
            XCTAssertEqual(m, 0, accuracy: 1e-10)
            XCTAssertEqual(v, 1, accuracy: 1e-10)
        }
        let other = try TabularSet.split(table.values, testFraction: 0.25, seed: 2)
        XCTAssertNotEqual(other.test.values, test.values, "splits of different seeds must differ")
    }

    func testStageDependsOnTheRealDataFile() {
        XCTAssertTrue(Example9Stage().sourceDependencies.contains("data/breast_cancer.csv"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: TabularSet.packageRoot + "/data/breast_cancer.csv"))
    }

    // MARK: the stage

    func testJobResultsDoNotDependOnTheNumberOfWorkers() throws {
        let stage = Example9Stage()
        let c = stage.config(for: .fast)
        let set = try HiddenToyStack(toys: c.toys, seed: 1)
        var rng = SeededGenerator(seed: 7)
        let x = try set.sample(count: 512, using: &rng), t = try set.sample(count: 256, using: &rng)
        let oracle = try set.oracleRotation(anglesDeg: [0, 0, 0, 0])
        let sets = [SubspaceDataSet(id: "h", trains: [x], tests: [t], flows: c.hiddenFlows, oracle: oracle)]
        let jobs = [Example9Job.Work.candidate(0), .candidate(1), .firstLayer(set: 0, seed: 0), .layerwise(set: 0, oas: false, seed: 0)]
            .map { Example9Job(work: $0, depth: 1, steps: 1) }
        func run(_ workers: Int) throws -> [String] {
            let results = try JobGrid(store: nil, shard: nil, budget: WorkerBudget(limit: workers)).run(jobs) { [ranking = c.ranking] in
                try $0.run(sets: sets, ranking: ranking, seed: 9)
            }
            return try jobs.map { String(describing: try results.output(of: $0)) }
        }
        XCTAssertEqual(try run(1), try run(2))
    }

    func testExample9FastProfile() throws {
        let stage = Example9Stage()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ex9-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let context = StageContext(profile: .fast, seed: stage.seed, stageID: stage.id, figuresDirectory: dir)
        let out = try stage.runErased(profile: .fast, context: context)
        let c = stage.config(for: .fast)
        for key in ["hidden8.delta_general_oas", "hidden8.delta_best_random", "hidden8.delta_inverse_rotation_oas",
                    "hidden8.spearman_delta_vs_trained", "breast_cancer.delta_general_oas", "breast_cancer.delta_best_random"] {
            XCTAssertTrue(out.metrics[key]?.values.first?.isFinite ?? false, key)
        }
        for (set, flows) in [("hidden8", c.hiddenFlows), ("breast_cancer", c.realFlows)] {
            for m in ["lw_oas", "lw_rnd", "e2e"] {
                let nll = try XCTUnwrap(out.metrics["\(set).nll_by_depth_\(m)"]).values
                XCTAssertEqual(nll.count, flows.depth + 1, "\(set) \(m)")
                let trained = m == "e2e" ? [0] + flows.endToEndDepths : Array(0...flows.depth)
                for d in 0...flows.depth { XCTAssertEqual(nll[d].isFinite, trained.contains(d), "\(set) \(m) depth \(d)") }
            }
            // Depth 0 is the identity for every method: the same number.
            XCTAssertEqual(out.metrics["\(set).nll_by_depth_lw_oas"]!.values[0], out.metrics["\(set).nll_by_depth_e2e"]!.values[0])
        }
        XCTAssertEqual(out.metrics["hidden8.candidate_delta"]?.values.count, c.ranking.candidates)
        XCTAssertFalse(out.checks.isEmpty)
        XCTAssertTrue(out.checks.allSatisfy { $0.id.hasPrefix("ex9.") })
        XCTAssertTrue(out.checks.contains { $0.id == "ex9.hidden8.spearman_delta_vs_trained" && $0.kind == .claim })
        assertChecksFollowTheRule(out)
        XCTAssertTrue(out.markdown.contains("beyond the paper"))
        for name in stage.figureNames {
            let size = (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("\(name).png").path)[.size] as? Int) ?? 0
            XCTAssertGreaterThan(size, 1000, name)
        }
    }
}
