import CouplingTheory
import FlowCore
import Foundation
import PlotCairo
import Plotting
import Report

/// Example 6 / Fig. 5: the uniform square U([−1, 1]²) modelled by up to 8 affine coupling blocks,
/// built layer-wise with OAS rotations (Algorithm 2), layer-wise with random rotations, and end-to-end.
public struct Example6Stage: Stage {
    public struct Config: Codable, Sendable, Equatable {
        public var run: DeepRunConfig
        /// Depths whose model densities Fig. 5 shows.
        public var figureDepths: [Int]
        /// Grid points per axis of each density panel.
        public var gridPoints: Int
        public var tolerances: DeepTolerances
    }

    public let id = "ex6"
    public let title = "Example 6: the uniform square, layer-wise OAS vs random vs end-to-end (Fig. 5)"
    public let figureNames = PaperFigure.names(.fig5, .ex6Convergence)
    public let seed: UInt64 = 6
    public let sourceFile: String = #filePath
    /// This folder (code and prose), Common and the libraries: follows from the layout.
    public let sourceDependencies = ExampleFolder(uses: [.deepSuite]).sourceDependencies
    /// Each training is cached on its own, keyed by the library code it runs (not the prose, checks or figures).
    public let jobSourceDependencies = DeepSuite.jobSources
    public init() {}

    static let methods: [DeepMethod] = [.lwOAS, .lwRND, .e2e]

    public func config(for profile: Profile) -> Config {
        switch profile {
        case .paper:
            return Config(run: DeepRunConfig(depth: 8, stepsPerLayer: 2000, endToEndSteps: 8000, endToEndDepths: [1, 2, 4, 8],
                                             batchSize: 512, hiddenWidths: [64, 64], learningRates: [1e-3, 3e-3],
                                             decayFactor: 0.3, seeds: 5, layerwisePool: 1 << 16),
                          figureDepths: [1, 2, 4, 8], gridPoints: 120,
                          tolerances: DeepTolerances(sanity: 0.01))
        case .fast:
            return Config(run: DeepRunConfig(depth: 8, stepsPerLayer: 60, endToEndSteps: 120, endToEndDepths: [1, 2, 4, 8],
                                             batchSize: 128, hiddenWidths: [16, 16], learningRates: [3e-3, 1e-2], decayFactor: 0.3,
                                             seeds: 2, oasAngles: 90, oasSamples: 2048, heldOutCount: 4096, validationCount: 2048,
                                             validationPoints: 8, layerwisePool: 4096),
                          figureDepths: [1, 2, 4, 8], gridPoints: 60,
                          tolerances: DeepTolerances(sanity: 0.05, minimumConvergedSeeds: 0, entropyNoise: 0.3))
        }
    }

    public func run(config: Config, context: StageContext) throws -> StageOutput {
        // @literate begin ex6-train
        let square = try UniformSquare(halfWidth: 1)
        let problem = try DeepSuite.problem(id: "square", density: square, index: 0, config: config.run, seed: context.seed)
        let result = try DeepSuite.run(problems: [problem], methods: Self.methods, config: config.run, seed: context.seed,
                                       grid: JobGrid(context, progress: 0...0.95))[0]
        // KL(T♯μ ‖ N) = −H[μ] + log 2π + E[ML], with H[μ] = log 4 for U([−1, 1]²) (Eq. 7).
        let klOffset = -log(4.0) + log(2 * Double.pi)
        // @literate end
        context.progress(fraction: 0.96, message: "figures")
        try Example6Figure.draw(result: result, config: config, klOffset: klOffset, to: context.figureBase(.fig5))
        try ConvergenceFigure.draw([result], methods: Self.methods, config: config.run, nllOffset: klOffset,
                                   entropy: ["square": 0], to: context.figureBase(.ex6Convergence))
        let checks = Self.checks(result, klOffset: klOffset, tolerances: config.tolerances)
        return StageOutput(metrics: Self.metrics(result, klOffset: klOffset), checks: checks,
                           markdown: try ExampleFolder().prose(Example6Prose.values(result: result, config: config, klOffset: klOffset, checks: checks)))
    }

    /// `kl_by_depth_<method>` (mean over seeds) and `kl_by_depth_<method>_seed<k>` per seed, plus the
    /// chosen learning rates and the OAS Δ̂ of seed 0's chosen rotations.
    static func metrics(_ r: DeepProblemResult, klOffset: Double) -> [String: MetricValue] {
        var m = r.methodMetrics(prefix: "", loss: "kl", offset: klOffset)
        m["kl_identity"] = .number(r.identityLoss + klOffset)
        return m
    }

    static func checks(_ r: DeepProblemResult, klOffset: Double, tolerances t: DeepTolerances) -> [Check] {
        let oas = DeepChecks.Side(r.methods[.lwOAS]!), rnd = DeepChecks.Side(r.methods[.lwRND]!), e2e = DeepChecks.Side(r.methods[.e2e]!)
        let l = oas.mean.count
        let kl = methods.flatMap { m in r.methods[m]!.heldOutLossBySeed.map { $0.map { $0 + klOffset } } }
        return [
            DeepChecks.compareAveraged(id: "ex6.lw_oas_beats_lw_rnd",
                                       claim: "Layer-wise, OAS rotations beat random rotations: KL(LW-RND) − KL(LW-OAS), averaged over depths 1–\(l)",
                                       rnd, minus: oas, depths: Array(1...l), t: t),
            DeepChecks.compare(id: "ex6.lw_oas_on_par_with_e2e", claim: "LW-OAS performs on par with E2E at depth \(l): KL(LW-OAS) − KL(E2E)",
                               oas, minus: e2e, depths: [l], t: t),
            DeepChecks.noWorseWhenGrowing(id: "ex6.sanity_lw_oas", claim: "LW-OAS: adding a layer never raises the held-out loss by more than optimisation noise (every seed)",
                                          lossBySeed: r.methods[.lwOAS]!.heldOutLossBySeed, tolerance: t.sanity),
            DeepChecks.noWorseWhenGrowing(id: "ex6.sanity_lw_rnd", claim: "LW-RND: adding a layer never raises the held-out loss by more than optimisation noise (every seed)",
                                          lossBySeed: r.methods[.lwRND]!.heldOutLossBySeed, tolerance: t.sanity),
            DeepChecks.aboveEntropy(id: "ex6.sanity_kl_nonnegative", claim: "No held-out KL estimate (any method, seed, depth) is negative beyond noise",
                                    nllBySeed: kl, entropy: 0, noise: t.entropyNoise),
        ]
    }
}
