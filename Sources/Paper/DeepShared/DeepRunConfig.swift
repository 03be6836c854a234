import CouplingTheory
import FlowCore

/// Sizes of one deep-flow comparison (shared by Examples 6 and 7); every number is stated in the report.
///
/// Each layer-wise or progressive iteration runs `stepsPerLayer` Adam steps on fresh batches of
/// `batchSize`; each end-to-end flow (one per depth) runs `endToEndSteps` steps. The learning rate
/// decays by `decayFactor` every quarter of a training run, so the last quarter is a low-noise phase.
public struct DeepRunConfig: Codable, Sendable, Equatable {
    /// Number of coupling blocks L (metrics have one entry per depth 1…L).
    public var depth: Int
    public var stepsPerLayer: Int
    public var endToEndSteps: Int
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
    /// Whole trainings run concurrently (independent jobs; results do not depend on this number).
    public var workers: Int

    public init(depth: Int, stepsPerLayer: Int, endToEndSteps: Int, batchSize: Int, hiddenWidths: [Int],
                clamp: Double = 2, learningRates: [Double], decayFactor: Double = 0.5, seeds: Int,
                oasAngles: Int = 180, oasSamples: Int = 4096, oasBins: Int = 32, heldOutCount: Int = 1 << 14,
                validationCount: Int = 1 << 13, workers: Int = 2) {
        self.depth = depth; self.stepsPerLayer = stepsPerLayer; self.endToEndSteps = endToEndSteps
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

    /// Throws when a size cannot run (the builders validate the rest).
    func validate() throws {
        guard depth >= 1, seeds >= 1, !learningRates.isEmpty, workers >= 1 else {
            throw DeepStageError.invalidConfig("need depth ≥ 1, seeds ≥ 1, a learning rate and workers ≥ 1")
        }
    }
}
