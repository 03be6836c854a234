import CouplingTheory
import FlowCore
import Foundation
import Report

/// Example 9 (beyond the paper): Eq. 23 over all of SO(D) for D_P > 1 with the general OAS, on an
/// 8-D set with a known hidden structure (four rotated 2D toys) and on a real tabular set.
public struct Example9Stage: Stage {
    public struct Config: Codable, Sendable, Equatable {
        var toys: [ToyKind]
        var hiddenTrainRows: Int
        var hiddenTestRows: Int
        /// Samples and grid angles of each toy's own 2D OAS (for the oracle rotation).
        var pairOASSamples: Int
        var pairOASAngles: Int
        var hiddenFlows: SubspaceFlowConfig
        var ranking: CandidateRanking.Config
        var realPath: String
        var realColumns: [String]
        var realTestFraction: Double
        var realFlows: SubspaceFlowConfig
        /// Seeds (hidden: fresh training samples; real: train/test splits).
        var seeds: Int
        var tolerances: Example9Tolerances
    }

    public let id = "ex9"
    public let title = "Example 9 (beyond the paper): the optimal affine subspace in D > 2"
    public let figureNames = PaperFigure.names(.fig9, .fig9b)
    public let seed: UInt64 = 9
    public let sourceFile: String = #filePath
    /// This folder, Common, the deep suite's helpers, the real data set (before the libraries, which
    /// stay last as for every stage): editing the CSV reruns the stage.
    public let sourceDependencies = {
        let deps = ExampleFolder(uses: [.deepSuite]).sourceDependencies
        return deps.dropLast(ExampleFolder.libraries.count) + [Example9Stage.realData] + ExampleFolder.libraries
    }()
    public init() {}

    static let realData = "data/breast_cancer.csv"
    static let realID = "breast_cancer"
    static let meanColumns = ["mean_radius", "mean_texture", "mean_perimeter", "mean_area", "mean_smoothness", "mean_compactness",
                              "mean_concavity", "mean_concave_points", "mean_symmetry", "mean_fractal_dimension"]

    public func config(for profile: Profile) -> Config {
        let knn = { (k: Int, q: Int) in DeltaEstimator.nearestNeighbours(NearestNeighbourConfig(neighbours: k, maxQueries: q)) }
        let tolerances = Example9Tolerances(sanity: 0.02, minimumConverged: 0.8)
        // Every run's rate decays by 0.3 at each third of its steps; a candidate's training is converged
        // when its training loss is flat over the last tenth.
        let plan = { (steps: Int, batch: Int, rate: Double) in
            TrainingPlan(steps: steps, batchSize: batch, learningRate: rate, schedule: .stepDecay(factor: 0.3, parts: 3))
        }
        let ranking = { (steps: Int, batch: Int, rate: Double, tolerance: Double) in
            TrainingPlan(steps: steps, batchSize: batch, learningRate: rate, schedule: .stepDecay(factor: 0.3, parts: 3),
                         convergence: ConvergenceRule(tolerance: tolerance, tail: 10))
        }
        switch profile {
        case .paper:
            return Config(toys: [.eightGaussians, .checkerboard, .moons, .pinwheel], hiddenTrainRows: 16384, hiddenTestRows: 8192,
                          pairOASSamples: 8192, pairOASAngles: 180,
                          hiddenFlows: SubspaceFlowConfig(depth: 4, passive: 4, hiddenWidths: [64, 64], training: plan(500, 256, 1e-3),
                                                          endToEndDepths: [1, 2, 4], oasSamples: 4096,
                                                          oas: GeneralOASConfig(candidates: 64, stepsDeg: [20, 5], maxSweeps: 3, estimator: knn(32, 256))),
                          ranking: CandidateRanking.Config(candidates: 20, maxPerturbationDeg: 60, hiddenWidths: [64, 64],
                                                           training: ranking(1500, 256, 1e-3, 0.01)),
                          realPath: Self.realData, realColumns: Self.meanColumns, realTestFraction: 0.25,
                          realFlows: SubspaceFlowConfig(depth: 4, passive: 5, hiddenWidths: [16, 16], training: plan(200, 128, 1e-3),
                                                        endToEndDepths: [1, 2, 4], oasSamples: 512,
                                                        oas: GeneralOASConfig(candidates: 64, stepsDeg: [20, 5], maxSweeps: 3, estimator: knn(16, 256))),
                          seeds: 3, tolerances: tolerances)
        case .fast:
            return Config(toys: [.eightGaussians, .checkerboard, .moons, .pinwheel], hiddenTrainRows: 2048, hiddenTestRows: 1024,
                          pairOASSamples: 2048, pairOASAngles: 60,
                          hiddenFlows: SubspaceFlowConfig(depth: 2, passive: 4, hiddenWidths: [16, 16], training: plan(40, 128, 3e-3),
                                                          endToEndDepths: [1, 2], oasSamples: 1024,
                                                          oas: GeneralOASConfig(candidates: 8, stepsDeg: [20], maxSweeps: 1, estimator: knn(16, 64))),
                          ranking: CandidateRanking.Config(candidates: 6, maxPerturbationDeg: 60, hiddenWidths: [16, 16],
                                                           training: ranking(60, 128, 3e-3, 0.05)),
                          realPath: Self.realData, realColumns: Self.meanColumns, realTestFraction: 0.25,
                          realFlows: SubspaceFlowConfig(depth: 2, passive: 5, hiddenWidths: [8, 8], training: plan(30, 64, 3e-3),
                                                        endToEndDepths: [1, 2], oasSamples: 256,
                                                        oas: GeneralOASConfig(candidates: 8, stepsDeg: [20], maxSweeps: 1, estimator: knn(16, 64))),
                          seeds: 2,
                          // Six candidates, 60 steps and 1024 test rows: the fast profile checks that the pipeline
                          // runs and orders things roughly, not the paper-profile goals.
                          tolerances: Example9Tolerances(sanity: 0.2, minimumConverged: 0))
        }
    }

    public func run(config: Config, context: StageContext) throws -> StageOutput {
        // @literate begin ex9-data
        var dataRNG = SeededGenerator(seed: splitMix(context.seed ^ 0xDA7A))
        let hidden = try HiddenToyStack(toys: config.toys, seed: splitMix(context.seed ^ 0x4071))
        let pairs = try hidden.pairOAS(count: config.pairOASSamples, angles: config.pairOASAngles, using: &dataRNG)
        let oracle = try hidden.oracleRotation(anglesDeg: pairs.map { $0.angleDeg })
        let hiddenTest = try hidden.sample(count: config.hiddenTestRows, using: &dataRNG)
        let hiddenTrains = try (0..<config.seeds).map { _ in try hidden.sample(count: config.hiddenTrainRows, using: &dataRNG) }
        let table = try TabularSet(relativePath: config.realPath, columns: config.realColumns).load()
        let splits = try (0..<config.seeds).map { k in
            try TabularSet.split(table.values, testFraction: config.realTestFraction, seed: splitMix(context.seed ^ UInt64(100 + k)))
        }
        let sets = [
            SubspaceDataSet(id: "hidden\(hidden.dimension)", trains: hiddenTrains, tests: Array(repeating: hiddenTest, count: config.seeds),
                            flows: config.hiddenFlows, oracle: oracle),
            SubspaceDataSet(id: Self.realID, trains: splits.map { $0.train }, tests: splits.map { $0.test }, flows: config.realFlows, oracle: nil),
        ]
        // @literate end
        // @literate begin ex9-jobs
        let jobs = Example9Job.all(sets: sets, seeds: config.seeds, ranking: config.ranking)
        // Not cached job by job: this work is Paper code, which the job cache's keys do not cover.
        let outputs = try JobGrid(context, cache: .none, progress: 0...0.9).run(jobs) { [ranking = config.ranking, seed = context.seed] job in
            try job.run(sets: sets, ranking: ranking, seed: seed)
        }
        // @literate end
        let result = try Example9Assembly.assemble(jobs: jobs, outputs: outputs, sets: sets, seeds: config.seeds,
                                                   pairs: pairs, convergence: config.ranking.training.convergence)
        context.progress(fraction: 0.95, message: "figures")
        try Example9Figures.drawHidden(result, to: context.figureBase(.fig9))
        try Example9Figures.drawReal(result, to: context.figureBase(.fig9b))
        let checks = Example9Checks.all(result, tolerances: config.tolerances)
        return StageOutput(metrics: Example9Assembly.metrics(result), checks: checks,
                           markdown: try Example9Prose.render(result, config: config, table: table, checks: checks))
    }
}

/// Tolerances of Example 9's checks.
struct Example9Tolerances: Codable, Sendable, Equatable {
    /// Optimisation noise allowed when a layer-wise layer is added (nats, hidden set): a self-check.
    var sanity: Double
    /// Share of converged candidate trainings below which the Spearman claim is inconclusive (budget).
    var minimumConverged: Double
}
