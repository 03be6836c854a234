import CouplingTheory
import FlowCore
import Foundation

/// How one single-coupling model is built and trained (shared by `fig1` and `ex5`).
///
/// Paper values (Example 1): one hidden layer of width 256, Adam with η = 0.1 decayed ×0.9 every
/// 100 steps, no weight decay, 4096 steps of 4096 fresh samples. `clamp` is our deviation: a
/// FrEIA-style soft clamp of the log-scale s that keeps lr 0.1 from diverging.
public struct RotatedCouplingSettings: Codable, Sendable, Equatable {
    public var hiddenWidth: Int
    public var training: TrainingConfig
    public var clamp: SoftClamp
    /// Fresh samples for the held-out ML loss (2^16 in the paper profile).
    public var heldOutSamples: Int

    public init(hiddenWidth: Int = 256, training: TrainingConfig = .paperExample1, clamp: SoftClamp = .tanh(3),
                heldOutSamples: Int = 1 << 16) {
        self.hiddenWidth = hiddenWidth
        self.training = training
        self.clamp = clamp
        self.heldOutSamples = heldOutSamples
    }

    /// The paper's protocol with fewer steps and samples; the learning-rate decay is rescaled so
    /// that the final rate matches the paper's (η·0.9^⌊4096/100⌋).
    public static func shortened(steps: Int, batchSize: Int, heldOutSamples: Int,
                                 learningRate: Double = 0.1) -> RotatedCouplingSettings {
        let every = max(1, steps * 100 / 4096)
        let config = TrainingConfig(steps: steps, batchSize: batchSize, adam: AdamConfig(learningRate: learningRate),
                                    schedule: StepDecay(gamma: 0.9, every: every))
        return RotatedCouplingSettings(training: config, heldOutSamples: heldOutSamples)
    }

    /// The paper's Example 1 protocol (4096 × 4096, ×0.9 every 100 steps) with another initial learning rate.
    public static func example1(learningRate: Double) -> RotatedCouplingSettings {
        var settings = RotatedCouplingSettings()
        settings.training.adam.learningRate = learningRate
        return settings
    }
}

/// A trained single coupling with its held-out ML loss.
public struct TrainedRotatedCoupling: Sendable {
    /// The flow: one block, rotation Q(θ), then the trained affine coupling.
    public var flow: Flow
    /// Training loss per step.
    public var history: [Double]
    /// Held-out ML loss (DESIGN.md convention, log 2π dropped) with its standard error.
    public var heldOutLoss: MonteCarloEstimate
}

/// Builds and trains one rotation + affine coupling (D_P = D_A = 1) on fresh samples of a 2D density.
public enum RotatedCouplingTrainer {
    /// Trains `τ ∘ Q(θ)` on `density` by maximum likelihood and evaluates it on fresh held-out samples.
    public static func train(density: any Density, rotationDegrees: Double, settings: RotatedCouplingSettings,
                             using rng: inout SeededGenerator) throws -> TrainedRotatedCoupling {
        var flow = try Flow(dimension: 2)
        try flow.appendBlock(rotation: Rotation2D.matrix(degrees: rotationDegrees), passiveCount: 1,
                             hiddenWidths: [settings.hiddenWidth], activation: .relu, clamp: settings.clamp, using: &rng)
        var source = DensitySource(density: density)
        let history = try FlowTrainer.train(&flow, source: &source, config: settings.training, using: &rng)
        let heldOut = try density.sample(count: settings.heldOutSamples, using: &rng)
        return TrainedRotatedCoupling(flow: flow, history: history,
                                     heldOutLoss: MonteCarloEstimate(samples: try perSampleLoss(flow, heldOut)))
    }

    /// ½‖T(x)‖² − log|det J(x)| for every row (the ML loss of Eq. 8 per sample, log 2π dropped).
    public static func perSampleLoss(_ flow: Flow, _ x: Matrix) throws -> [Double] {
        let (z, logDet) = try flow.forward(x)
        return (0..<x.rows).map { r in 0.5 * (z[r, 0] * z[r, 0] + z[r, 1] * z[r, 1]) - logDet[r] }
    }
}
