import CouplingTheory
import FlowCore

/// Sizes of one deep-flow comparison (shared by Examples 6 and 7); every number is stated in the report.
///
/// Each layer-wise iteration runs `stepsPerLayer` Adam steps, each progressive iteration
/// `progressiveSteps`; each end-to-end flow (one per depth in `endToEndDepths`) runs `endToEndSteps`
/// steps. Every run trains under the same `schedule` (the learning rate decays at each quarter of the
/// run, so the last quarter comes after the final decay) and is judged by the same `convergence` rule
/// on its validation trace of `tracePoints` points. `job(…)` turns these into the library's `DeepJob`s.
public struct DeepRunConfig: Codable, Sendable, Equatable {
    /// Number of coupling blocks L (metrics have one entry per depth 1…L).
    public var depth: Int
    public var stepsPerLayer: Int
    public var progressiveSteps: Int
    /// Adam steps of an end-to-end flow of depth d: max(`endToEndSteps`, `endToEndStepsPerBlock` · d)
    /// (deeper flows have more parameters to settle; see `endToEndSteps(depth:)`).
    public var endToEndSteps: Int
    public var endToEndStepsPerBlock: Int
    /// The depths at which end-to-end flows are trained (each a separate flow); must contain every
    /// depth a check or figure uses (1…shallow, the final depth `depth`).
    public var endToEndDepths: [Int]
    public var batchSize: Int
    /// Hidden widths of each coupling's subnet (ReLU).
    public var hiddenWidths: [Int]
    /// Soft clamp constant c of s = c·(2/π)·atan(s_raw/c).
    public var clamp: Double
    /// The learning-rate grid searched per problem × method (Adam).
    public var learningRates: [Double]
    /// How the learning rate moves within every training run.
    public var schedule: TrainingSchedule
    /// Independent seeds per method (the learning-rate search uses seed 0 only).
    public var seeds: Int
    /// OAS: number of grid angles in [0°, 180°), samples of the current push-forward, and bins.
    public var oasAngles: Int
    public var oasSamples: Int
    public var oasBins: Int
    /// Held-out samples for the per-depth NLL/KL, and validation samples for the learning-rate choice.
    public var heldOutCount: Int
    public var validationCount: Int
    /// Layer-wise iterations train the new block on a pool of this many fresh samples pushed once
    /// through the frozen blocks (nil: push every batch; see `TrainedBlockFitter.Scope`).
    public var layerwisePool: Int?
    /// Points of every training run's validation trace (evenly spaced; the criterion needs one at 3/4).
    public var tracePoints: Int
    /// When a run counts as converged: its validation loss improved by at most the tolerance over the
    /// last quarter of its steps (after the final learning-rate decay).
    public var convergence: ConvergenceRule

    public init(depth: Int, stepsPerLayer: Int, progressiveSteps: Int? = nil, endToEndSteps: Int, endToEndStepsPerBlock: Int = 0,
                endToEndDepths: [Int]? = nil,
                batchSize: Int, hiddenWidths: [Int],
                clamp: Double = 2, learningRates: [Double], decayFactor: Double = 0.5, seeds: Int,
                oasAngles: Int = 180, oasSamples: Int = 4096, oasBins: Int = 32, heldOutCount: Int = 1 << 14,
                validationCount: Int = 1 << 12, validationPoints: Int = 16, convergenceTolerance: Double = 0.01,
                layerwisePool: Int? = nil) {
        self.layerwisePool = layerwisePool
        self.depth = depth; self.stepsPerLayer = stepsPerLayer; self.endToEndSteps = endToEndSteps
        self.endToEndStepsPerBlock = endToEndStepsPerBlock
        self.progressiveSteps = progressiveSteps ?? stepsPerLayer
        self.endToEndDepths = endToEndDepths ?? Array(1...depth)
        self.tracePoints = validationPoints
        self.convergence = ConvergenceRule(tolerance: convergenceTolerance, tail: 4)
        self.batchSize = batchSize; self.hiddenWidths = hiddenWidths; self.clamp = clamp
        self.learningRates = learningRates; self.schedule = .stepDecay(factor: decayFactor, parts: 4); self.seeds = seeds
        self.oasAngles = oasAngles; self.oasSamples = oasSamples; self.oasBins = oasBins
        self.heldOutCount = heldOutCount; self.validationCount = validationCount
    }

    /// The coupling subnet of every block.
    var architecture: CouplingArchitecture {
        CouplingArchitecture(passiveCount: 1, hiddenWidths: hiddenWidths, activation: .relu, clamp: .atan(clamp))
    }

    /// Algorithm 1 settings: a uniform angle grid, Δ̂ by equal-width binning (Example 4's estimator).
    var oasPolicy: RotationPolicy {
        .oas(candidates: oasAngles, sampleCount: oasSamples, estimator: .binning(BinningConfig(bins: oasBins)))
    }

    /// The Adam steps of one training run of `method`: per added block (iterative), per flow of depth `d` (end-to-end).
    func steps(for method: DeepMethod, depth d: Int) -> Int {
        switch method.mode {
        case .layerwise?: return stepsPerLayer
        case .progressive?: return progressiveSteps
        case nil: return endToEndSteps(depth: d)
        }
    }

    /// The Adam steps of an end-to-end flow of depth `d`.
    func endToEndSteps(depth d: Int) -> Int { max(endToEndSteps, endToEndStepsPerBlock * d) }

    /// The training of one run of `method` at depth `d` and learning rate `rate`.
    func training(for method: DeepMethod, depth d: Int, learningRate rate: Double) -> TrainingPlan {
        TrainingPlan(steps: steps(for: method, depth: d), batchSize: batchSize, learningRate: rate, schedule: schedule,
                     tracePoints: tracePoints, convergence: convergence)
    }

    /// The job of `method` on `problem` at learning rate `rate`, seed `seed` and depth `d` (the final
    /// depth for the iterative builders). Seed 0 keeps its flows: the figures draw them.
    func job(_ problem: DeepProblem, _ method: DeepMethod, learningRate rate: Double, seed: Int, depth d: Int, stageSeed: UInt64) -> DeepJob {
        DeepJob(problem: problem, heldOutCount: heldOutCount, validationCount: validationCount, stageSeed: stageSeed, method: method,
                seedIndex: seed, depth: method.mode == nil ? d : depth, architecture: architecture,
                training: training(for: method, depth: d, learningRate: rate),
                rotation: method.mode == nil ? nil : method.usesOAS ? oasPolicy : .random,
                layerwisePool: method.isLayerwise ? layerwisePool : nil, keepsFlow: seed == 0)
    }

    /// Throws when a size cannot run (the builders validate the rest).
    func validate() throws {
        guard depth >= 1, seeds >= 1, !learningRates.isEmpty else {
            throw DeepStageError.invalidConfig("need depth ≥ 1, seeds ≥ 1 and a learning rate")
        }
        guard endToEndDepths.contains(depth), endToEndDepths.allSatisfy({ (1...depth).contains($0) }),
              Set(endToEndDepths).count == endToEndDepths.count else {
            throw DeepStageError.invalidConfig("end-to-end depths \(endToEndDepths) must be distinct, in 1…\(depth) and contain \(depth)")
        }
        guard tracePoints >= 4, tracePoints % 4 == 0 else {
            throw DeepStageError.invalidConfig("validation points must be a positive multiple of 4 (one falls at 3/4 of a run)")
        }
    }
}
