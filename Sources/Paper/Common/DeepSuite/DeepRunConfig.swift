import CouplingTheory
import FlowCore

/// Sizes of one deep-flow comparison (shared by Examples 6 and 7); every number is stated in the report.
///
/// Each layer-wise iteration runs `stepsPerLayer` Adam steps on fresh batches of `batchSize`, each
/// progressive iteration `progressiveSteps`; each end-to-end flow (one per depth in `endToEndDepths`)
/// runs `endToEndSteps` steps. The learning rate decays by `decayFactor` every quarter of a training
/// run, so the last quarter comes after the final decay: the convergence criterion reads it.
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
    /// Multiplicative learning-rate decay applied every quarter of each training run.
    public var decayFactor: Double
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
    /// through the frozen blocks (nil: push every batch; see `IterativeConstructionConfig.layerwisePool`).
    public var layerwisePool: Int?
    /// Points of every training run's validation trace (evenly spaced; the criterion needs one at 3/4).
    public var validationPoints: Int
    /// A run is converged when its validation loss improved by at most this many nats over the last
    /// quarter of its steps (after the final learning-rate decay).
    public var convergenceTolerance: Double
    /// Whole trainings run concurrently (independent jobs; results do not depend on this number,
    /// which is therefore left out of job cache keys).
    public var workers: Int

    public init(depth: Int, stepsPerLayer: Int, progressiveSteps: Int? = nil, endToEndSteps: Int, endToEndStepsPerBlock: Int = 0,
                endToEndDepths: [Int]? = nil,
                batchSize: Int, hiddenWidths: [Int],
                clamp: Double = 2, learningRates: [Double], decayFactor: Double = 0.5, seeds: Int,
                oasAngles: Int = 180, oasSamples: Int = 4096, oasBins: Int = 32, heldOutCount: Int = 1 << 14,
                validationCount: Int = 1 << 12, validationPoints: Int = 16, convergenceTolerance: Double = 0.01,
                layerwisePool: Int? = nil, workers: Int = 2) {
        self.layerwisePool = layerwisePool
        self.depth = depth; self.stepsPerLayer = stepsPerLayer; self.endToEndSteps = endToEndSteps
        self.endToEndStepsPerBlock = endToEndStepsPerBlock
        self.progressiveSteps = progressiveSteps ?? stepsPerLayer
        self.endToEndDepths = endToEndDepths ?? Array(1...depth)
        self.validationPoints = validationPoints; self.convergenceTolerance = convergenceTolerance
        self.batchSize = batchSize; self.hiddenWidths = hiddenWidths; self.clamp = clamp
        self.learningRates = learningRates; self.decayFactor = decayFactor; self.seeds = seeds
        self.oasAngles = oasAngles; self.oasSamples = oasSamples; self.oasBins = oasBins
        self.heldOutCount = heldOutCount; self.validationCount = validationCount; self.workers = workers
    }

    /// The coupling subnet of every block.
    var architecture: CouplingArchitecture {
        CouplingArchitecture(passiveCount: 1, hiddenWidths: hiddenWidths, activation: .relu, clamp: .atan(clamp))
    }

    /// Adam with step decay every quarter of `steps`.
    func training(steps: Int, learningRate: Double) -> TrainingConfig {
        TrainingConfig(steps: steps, batchSize: batchSize, adam: AdamConfig(learningRate: learningRate),
                       schedule: StepDecay(gamma: decayFactor, every: max(1, steps / 4)))
    }

    /// Algorithm 1 settings: a uniform angle grid, Δ̂ by equal-width binning (Example 4's estimator).
    var oasPolicy: RotationPolicy {
        .oas(candidates: oasAngles, sampleCount: oasSamples, estimator: .binning(BinningConfig(bins: oasBins)))
    }

    /// The configuration as far as a job of `method` depends on it (job cache keys use it): the
    /// worker count, the seed count and the learning-rate grid never change a single job (its seed and
    /// rate are in its key), and each method ignores the other methods' step counts — so changing the
    /// end-to-end budget retrains only end-to-end jobs.
    func relevant(to method: DeepMethod) -> DeepRunConfig {
        var c = self
        c.workers = 0; c.seeds = 0; c.learningRates = []
        switch method.mode {
        case .layerwise?: c.progressiveSteps = 0; c.endToEndSteps = 0; c.endToEndStepsPerBlock = 0; c.endToEndDepths = []
        case .progressive?: c.stepsPerLayer = 0; c.endToEndSteps = 0; c.endToEndStepsPerBlock = 0; c.endToEndDepths = []; c.layerwisePool = nil
        case nil:
            c.stepsPerLayer = 0; c.progressiveSteps = 0; c.endToEndDepths = []; c.layerwisePool = nil
            c.oasAngles = 0; c.oasSamples = 0; c.oasBins = 0
        }
        return c
    }

    /// The Adam steps of an end-to-end flow of depth `d`.
    func endToEndSteps(depth d: Int) -> Int { max(endToEndSteps, endToEndStepsPerBlock * d) }

    /// Whether a validation trace meets the convergence criterion: the loss improved by at most
    /// `convergenceTolerance` between the first point at or after 3/4 of the run and the last point.
    func isConverged(_ trace: [TracePoint]) -> Bool {
        guard let last = trace.last, let quarter = trace.first(where: { 4 * $0.step >= 3 * last.step }) else { return false }
        return quarter.loss - last.loss <= convergenceTolerance
    }

    /// Throws when a size cannot run (the builders validate the rest).
    func validate() throws {
        guard depth >= 1, seeds >= 1, !learningRates.isEmpty, workers >= 1 else {
            throw DeepStageError.invalidConfig("need depth ≥ 1, seeds ≥ 1, a learning rate and workers ≥ 1")
        }
        guard endToEndDepths.contains(depth), endToEndDepths.allSatisfy({ (1...depth).contains($0) }),
              Set(endToEndDepths).count == endToEndDepths.count else {
            throw DeepStageError.invalidConfig("end-to-end depths \(endToEndDepths) must be distinct, in 1…\(depth) and contain \(depth)")
        }
        guard validationPoints >= 4, validationPoints % 4 == 0 else {
            throw DeepStageError.invalidConfig("validation points must be a positive multiple of 4 (one falls at 3/4 of a run)")
        }
    }
}
