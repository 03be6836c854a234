import CouplingTheory
import FlowCore
import Foundation
import Report

/// ex8 (beyond the paper): Lemma 1 layers in closed form — m̂(p), σ̂(p) by local-linear kernel
/// regression, no gradient descent. Single layer: the gap to the Theorem 1 bound as N grows, next to
/// the paper-style trained coupling. Deep: Algorithm 2 with closed-form layers (OAS, then the Lemma 1
/// layer fitted on fresh samples of the current push-forward) on the square and the six toys, next to
/// ex6's and ex7's trained curves, read from their job caches (not retrained).
public struct Example8Stage: Stage {
    public struct Config: Codable, Sendable, Equatable {
        var single: SingleLayerSweep.Settings
        var deep: ClosedFormDeepConfig
        /// The configs of the stages whose trained curves are read: part of this config, so the cache
        /// key follows them.
        var ex6: Example6Stage.Config
        var ex7: Example7Stage.Config
        /// Sanity: a layer may raise the held-out loss by at most this many paired standard errors.
        var sanitySE: Double
        /// Largest |x − T⁻¹(T(x))| and |log det J − numerical| accepted (self-checks).
        var inverseTolerance: Double
        var jacobianTolerance: Double
        /// Independent closed-form fits at the largest N for W and WU: the replicates of the claim.
        var replicates: Int
    }

    public let id = "ex8"
    public let title = "Extension: closed-form Lemma 1 layers, single and deep (beyond the paper)"
    public let figureNames = PaperFigure.names(.fig8a, .fig8, .fig8b, .ex8Convergence)
    public let seed: UInt64 = 8
    public let sourceFile: String = #filePath
    /// This folder, Common (the deep suite and single-coupling parts), the libraries, and the stage
    /// folders of ex6 and ex7 (their configs and problems decide what is read from their caches).
    public let sourceDependencies: [String] = {
        let own = ExampleFolder(uses: [.deepSuite, .singleCoupling]).sourceDependencies
        // Only the two stage files (their configs and problems), not their folders: editing ex6's or
        // ex7's prose or figure code must not rerun ex8 (their configs are part of ex8's config anyway).
        let read = [Example6Stage().sourceFile, Example7Stage().sourceFile].map { ExampleFolder.relative($0) }
        return own.dropLast(ExampleFolder.libraries.count) + read + ExampleFolder.libraries   // the libraries stay last
    }()
    /// The same job sources as ex6/ex7: the job store's code digest then equals theirs, which is what
    /// lets ex8 find their jobs (it caches none of its own: its closed-form runs are Paper code).
    public let jobSourceDependencies = DeepSuite.jobSources
    public init() {}

    static let ex7Methods: [DeepMethod] = [.lwOAS, .lwRND, .e2e]
    static let ex6Methods: [DeepMethod] = [.lwOAS, .lwRND, .e2e]

    public func config(for profile: Profile) -> Config {
        let ex6 = Example6Stage().config(for: profile), ex7 = Example7Stage().config(for: profile)
        let densities: [SingleLayerDensity] = [.w, .wu, .mixture(degrees: 0), .mixture(degrees: 45), .mixture(degrees: 75), .mixture(degrees: 90)]
        switch profile {
        case .paper:
            return Config(single: .init(sampleSizes: [256, 1024, 4096, 16384, 65536], densities: densities, mixtureDelta: 0.95,
                                        trainedAtEveryN: [.w, .wu], training: .paper, heldOutCount: 1 << 16),
                          deep: ClosedFormDeepConfig(depth: 24, seeds: 3, samplesPerLayer: 4096, rotation: ex7.run.oasPolicy),
                          ex6: ex6, ex7: ex7, sanitySE: 4, inverseTolerance: 1e-8, jacobianTolerance: 1e-5, replicates: 5)
        case .fast:
            return Config(single: .init(sampleSizes: [256, 4096, 65536], densities: densities, mixtureDelta: 0.95,
                                        trainedAtEveryN: [.w, .wu], training: .fast, heldOutCount: 1 << 14),
                          deep: ClosedFormDeepConfig(depth: 24, seeds: 2, samplesPerLayer: 4096, rotation: ex7.run.oasPolicy),
                          ex6: ex6, ex7: ex7, sanitySE: 4, inverseTolerance: 1e-8, jacobianTolerance: 1e-5, replicates: 3)
        }
    }

    public func run(config: Config, context: StageContext) throws -> StageOutput {
        // The trained comparisons first (cache reads; in a --shard run this only fills their caches).
        let squareProblem = try DeepSuite.problem(id: "square", density: try UniformSquare(halfWidth: 1), index: 0,
                                                  config: config.ex6.run, seed: context.seed(of: Example6Stage()))
        let toyProblems = try config.ex7.toys.map { try Example7Stage.problem($0, config: config.ex7.run, seed: context.seed(of: Example7Stage())) }
        context.progress(fraction: 0.02, message: "reading ex6 and ex7 from their job caches")
        let ex6 = try CachedDeepSuite(stageID: "ex6", methods: Self.ex6Methods, config: config.ex6.run, seed: context.seed(of: Example6Stage()))
            .train(problems: [squareProblem], context: context)
        let ex7 = try CachedDeepSuite(stageID: "ex7", methods: Self.ex7Methods, config: config.ex7.run, seed: context.seed(of: Example7Stage()))
            .train(problems: toyProblems, context: context)
        // In a --shard run both stages' jobs are now in the cache, and this ends the stage (ShardRunComplete).
        let squareTrained = try ex6.runs.assemble()[0], toysTrained = try ex7.runs.assemble()
        // @literate begin ex8-run
        // Single layer: closed form vs trained on the same N samples, held-out gap to the Theorem 1 bound.
        context.progress(fraction: 0.05, message: "single layer: N sweep")
        let single = try SingleLayerSweep.run(config.single, seed: context.seed, grid: JobGrid(context, cache: .none, progress: 0.05...0.5))
        // Deep: Algorithm 2 with closed-form layers on the square and the toys (ex6's / ex7's held-out sets).
        context.progress(fraction: 0.5, message: "deep closed-form flows")
        let deep = try ClosedFormDeep.run(problems: [squareProblem] + toyProblems, config: config.deep, seed: context.seed,
                                          grid: JobGrid(context, cache: .none, progress: 0.5...0.9))
        // Replicates of the closed form at the largest N (its own data and held-out set each): the claim's interval.
        var replicates: [String: [Double]] = [:]
        for d in [SingleLayerDensity.w, .wu] {
            replicates[d.id] = try ClosedFormReplicates.gaps(d, n: config.single.sampleSizes.max() ?? 0, count: config.replicates,
                                                             settings: config.single, seed: context.seed)
        }
        // @literate end
        context.progress(fraction: 0.92, message: "checks and figures")
        let comparison = Example8Comparison(single: single, deep: deep, square: squareTrained, toys: toysTrained, config: config,
                                            closedFormReplicates: replicates)
        try Example8Figures.drawSingle(comparison, to: context.figureBase(.fig8a))
        try Example8Figures.drawConvergence(comparison, to: context.figureBase(.ex8Convergence))
        try Example8Figures.drawDepthCurves(comparison, to: context.figureBase(.fig8))
        try Example8Figures.drawDensities(comparison, to: context.figureBase(.fig8b))
        var checks = Example8Checks.all(comparison)
        checks += try Example8Checks.invertibility(comparison)
        let metrics = comparison.metrics()
        // How many ex6/ex7 jobs had to be trained here depends on whether those stages ran first (and, with
        // --jobs 2, on timing), so it is logged and said in the prose, not a metric.
        context.log("ex6/ex7 jobs trained by ex8: \(ex6.trained) of ex6, \(ex7.trained) of ex7")
        let markdown = try Example8Prose.render(comparison, checks: checks, trainedHere: ex6.trained + ex7.trained)
        return StageOutput(metrics: metrics, checks: checks, markdown: markdown)
    }
}
