import CouplingTheory
import FlowCore
import Foundation
import PlotCairo
import Plotting
import Report

/// Example 7 / Fig. 6 and fig7: six 2D toys modelled by 12 coupling blocks built five ways
/// (LW-OAS, LW-RND, PROG-OAS, PROG-RND, E2E), each with its own learning-rate search.
public struct Example7Stage: Stage {
    public struct Config: Codable, Sendable, Equatable {
        public var run: DeepRunConfig
        /// The toys (DESIGN.md ids); all six in both profiles.
        public var toys: [ToyKind]
        /// Grid points per axis of each Fig. 6 panel, and the common extent [−e, e]².
        public var gridPoints: Int
        public var extent: Double
        /// Bins per axis of the data histograms in Fig. 6's top row.
        public var histogramBins: Int
        /// Depths ≤ this count as "few layers" for the LW-OAS vs E2E claim.
        public var shallowDepth: Int
        public var tolerances: DeepTolerances
    }

    public let id = "ex7"
    public let title = "Example 7: toy suite, layer-wise vs progressive vs end-to-end (Fig. 6, fig7)"
    public let figureNames = PaperFigure.names(.fig6, .fig7, .ex7Convergence)
    public let seed: UInt64 = 7
    public let sourceFile: String = #filePath
    /// This folder (code and prose), Common and the libraries: follows from the layout.
    public let sourceDependencies = ExampleFolder(uses: [.deepSuite]).sourceDependencies
    /// Each training is cached on its own, keyed by the library code it runs (not the prose, checks or figures).
    public let jobSourceDependencies = DeepSuite.jobSources
    public init() {}

    static let methods: [DeepMethod] = [.lwOAS, .lwRND, .progOAS, .progRND, .e2e]

    public func config(for profile: Profile) -> Config {
        switch profile {
        case .paper:
            return Config(run: DeepRunConfig(depth: 12, stepsPerLayer: 2000, progressiveSteps: 500, endToEndSteps: 8000, endToEndStepsPerBlock: 1000,
                                             endToEndDepths: [1, 2, 3, 4, 12], batchSize: 512, hiddenWidths: [64, 64],
                                             learningRates: [1e-3, 3e-3], decayFactor: 0.3, seeds: 3, layerwisePool: 1 << 16),
                          toys: ToyKind.allCases, gridPoints: 100, extent: 2.5, histogramBins: 60, shallowDepth: 3,
                          tolerances: DeepTolerances(sanity: 0.01))
        case .fast:
            return Config(run: DeepRunConfig(depth: 12, stepsPerLayer: 40, endToEndSteps: 80, endToEndDepths: [1, 2, 3, 4, 12],
                                             batchSize: 128, hiddenWidths: [16, 16], learningRates: [3e-3, 1e-2], decayFactor: 0.3,
                                             seeds: 2, oasAngles: 60, oasSamples: 2048, heldOutCount: 4096, validationCount: 2048,
                                             validationPoints: 8, layerwisePool: 4096),
                          toys: ToyKind.allCases, gridPoints: 50, extent: 2.5, histogramBins: 40, shallowDepth: 3,
                          tolerances: DeepTolerances(sanity: 0.1, minimumConvergedSeeds: 0, entropyNoise: 0.5))
        }
    }

    public func run(config: Config, context: StageContext) throws -> StageOutput {
        // @literate begin ex7-train
        let problems = try config.toys.map { try Self.problem($0, config: config.run, seed: context.seed) }
        let results = try DeepSuite.run(problems: problems, methods: Self.methods, config: config.run, seed: context.seed,
                                        grid: JobGrid(context, progress: 0...0.9))
        // True negative log-likelihood in nats: the ML loss plus the dropped (D/2)·log 2π = log 2π.
        let nllOffset = log(2 * Double.pi)
        // @literate end
        context.progress(fraction: 0.92, message: "entropy references and figures")
        let entropy = try Self.entropyReferences(config.toys, seed: context.seed)
        try Example7Figures.drawDensities(results, config: config, to: context.figureBase(.fig6))
        let bounds = try results.map { try DepthOneBound.compute($0, methods: Self.methods, bins: config.run.oasBins) }
        try Example7Figures.drawCurves(results, nllOffset: nllOffset, entropy: entropy.mapValues(\.value), depthOneBounds: bounds,
                                       to: context.figureBase(.fig7))
        try ConvergenceFigure.draw(results, methods: Self.methods, config: config.run, nllOffset: nllOffset,
                                   entropy: entropy.mapValues(\.value), to: context.figureBase(.ex7Convergence))
        let checks = results.flatMap { Self.checks($0, config: config, nllOffset: nllOffset, entropy: entropy[$0.id]) }
        var metrics = Self.metrics(results, nllOffset: nllOffset, config: config.run)
        for (id, h) in entropy { metrics["\(id).entropy_reference"] = .numbers([h.value, h.se]) }
        for (r, row) in zip(results, bounds) {
            for b in row { metrics["\(r.id).theorem1_bound_depth1_\(b.method.rawValue)"] = .number(b.bound + nllOffset) }
        }
        return StageOutput(metrics: metrics, checks: checks,
                           markdown: try ExampleFolder().prose(Example7Prose.values(results: results, config: config, nllOffset: nllOffset, checks: checks,
                                                                                   depthOneBounds: bounds)))
    }

    /// The deep suite's problem of one toy. Its index is the toy's place among all toys, so that a toy's
    /// samples and jobs (and their cache keys) are the same whichever toys a run has (`--set ex7.toys=…`).
    static func problem(_ kind: ToyKind, config: DeepRunConfig, seed: UInt64) throws -> DeepProblem {
        try DeepSuite.problem(id: kind.rawValue, density: ToyDensity(kind: kind), index: ToyKind.allCases.firstIndex(of: kind)!,
                              config: config, seed: seed)
    }

    /// H[μ] of the toys where `ToyDensity` knows it: in closed form (SE 0), or by a 2^20-sample Monte Carlo mean
    /// of its log-density.
    static func entropyReferences(_ toys: [ToyKind], seed: UInt64) throws -> [String: (value: Double, se: Double)] {
        var out: [String: (value: Double, se: Double)] = [:]
        for kind in toys {
            let density = ToyDensity(kind: kind)
            if let h = density.entropy {
                out[kind.rawValue] = (h, 0)
            } else if density.logDensity(at: [0, 0]) != nil {
                var rng = SeededGenerator(seed: seed ^ 0xE27)
                let h = try MonteCarloDivergence.entropy(of: density, sampleCount: 1 << 20, using: &rng)
                out[kind.rawValue] = (h.value, h.standardError)
            }
        }
        return out
    }

    /// `<toy>.nll_by_depth_<method>` (mean over seeds), per seed `…_seed<k>`, `<toy>.learning_rate_<method>`,
    /// and `<toy>.oas_delta_lw_oas_seed0` (Δ̂ of each rotation Algorithm 1 chose, seed 0).
    static func metrics(_ results: [DeepProblemResult], nllOffset: Double, config: DeepRunConfig) -> [String: MetricValue] {
        var m: [String: MetricValue] = ["e2e_depths": .numbers(config.endToEndDepths.map(Double.init))]
        for r in results {
            m["\(r.id).nll_depth0"] = .number(r.identityLoss + nllOffset)
            m.merge(r.methodMetrics(prefix: "\(r.id).", loss: "nll", offset: nllOffset)) { _, new in new }
        }
        return m
    }

    /// The paper's claims on one toy (seed means; margins in nats of held-out NLL), the sanity
    /// self-checks, and the entropy floor where H[μ] is known.
    static func checks(_ r: DeepProblemResult, config: Config, nllOffset: Double, entropy: (value: Double, se: Double)?) -> [Check] {
        let t = config.tolerances, k = config.shallowDepth, l = config.run.depth
        let side = { (m: DeepMethod) in DeepChecks.Side(r.methods[m]!) }
        let p = "ex7.\(r.id)"
        var checks = [
            DeepChecks.compareAveraged(id: "\(p).lw_oas_beats_lw_rnd",
                                       claim: "\(r.id): layer-wise, OAS beats random rotations — NLL(LW-RND) − NLL(LW-OAS) averaged over depths 1–\(l)",
                                       side(.lwRND), minus: side(.lwOAS), depths: Array(1...l), t: t),
            DeepChecks.compare(id: "\(p).lw_oas_beats_e2e_shallow", claim: "\(r.id): with ≤ \(k) layers LW-OAS beats E2E — NLL(E2E) − NLL(LW-OAS) at each depth 1–\(k)",
                               side(.e2e), minus: side(.lwOAS), depths: Array(1...k), t: t),
            DeepChecks.compare(id: "\(p).e2e_beats_lw_oas_deep", claim: "\(r.id): at \(l) layers E2E beats LW-OAS — NLL(LW-OAS) − NLL(E2E)",
                               side(.lwOAS), minus: side(.e2e), depths: [l], t: t),
            DeepChecks.compare(id: "\(p).prog_oas_competitive", claim: "\(r.id): at \(l) layers PROG-OAS is competitive with E2E — NLL(PROG-OAS) − NLL(E2E)",
                               side(.progOAS), minus: side(.e2e), depths: [l], t: t),
            DeepChecks.compare(id: "\(p).prog_rnd_competitive", claim: "\(r.id): at \(l) layers PROG-RND is competitive with E2E — NLL(PROG-RND) − NLL(E2E)",
                               side(.progRND), minus: side(.e2e), depths: [l], t: t),
            DeepChecks.noWorseWhenGrowing(id: "\(p).sanity_lw_oas", claim: "\(r.id): LW-OAS, adding a layer raises the held-out loss by at most optimisation noise (every seed)",
                                          lossBySeed: r.methods[.lwOAS]!.heldOutLossBySeed, tolerance: t.sanity),
            DeepChecks.noWorseWhenGrowing(id: "\(p).sanity_lw_rnd", claim: "\(r.id): LW-RND, adding a layer raises the held-out loss by at most optimisation noise (every seed)",
                                          lossBySeed: r.methods[.lwRND]!.heldOutLossBySeed, tolerance: t.sanity),
        ]
        if let h = entropy {
            let nll = methods.flatMap { m in r.methods[m]!.heldOutLossBySeed.map { $0.map { $0 + nllOffset } } }
            checks.append(DeepChecks.aboveEntropy(
                id: "\(p).sanity_nll_above_entropy",
                claim: "\(r.id): no held-out NLL (any method, seed, depth) lies below the data's entropy H = \(ProseNumber.f3(h.value)) nats beyond noise",
                nllBySeed: nll, entropy: h.value, noise: t.entropyNoise + 3 * h.se))
        }
        return checks
    }
}
