import Foundation
import FlowCore

/// A single coupling trained at Q = I, with the loss traces recorded on the way.
public struct TrainedSingleCoupling: Sendable {
    /// The trained one-block flow.
    public let flow: Flow
    /// Training loss of every step, on that step's fresh batch, before the update.
    public let trainingLoss: [Double]
    /// Steps at which the held-out trace was evaluated (0 = before training, last = after the last step).
    public let traceSteps: [Int]
    /// ML loss on the fixed trace set at `traceSteps`.
    public let traceLoss: [Double]
    /// Hidden ReLUs bending inside / dead on p ∈ [−2, 2] at initialisation (nil for other subnets).
    public let initialKinks: ReLUKinkCount?
    /// Wall time of the training loop in seconds (measured, not part of any result check).
    public let seconds: Double

    /// The trained coupling τ.
    public var coupling: AffineCoupling { flow.blocks[0].coupling }
    /// Hidden ReLUs bending inside / dead on p ∈ [−2, 2] after training.
    public var finalKinks: ReLUKinkCount? { ReLUKinkCount(coupling: coupling) }
}

/// Trains one affine coupling on fresh samples of a 2D density, like `FlowTrainer.train`, and in
/// addition evaluates the ML loss on a fixed held-out set every `traceEvery` steps.
///
/// Why not `FlowTrainer.train`: it writes the parameters back only after the last step, so a
/// held-out loss during training cannot be observed without restarting Adam. This loop uses the
/// library's public pieces instead — `Flow.mlLossAndGradient` (the hand-written backward pass, in
/// Double), `Adam.step` and `StepDecay` — so the optimisation is the same algorithm.
public enum SingleCouplingTrainer {
    /// Trains a fresh coupling (initialised from `initRNG`) on batches drawn with `sampleRNG`.
    /// `progress` receives the fraction done. Throws `FlowCoreError.diverged` on a non-finite loss.
    public static func train<D: Density>(
        on density: D, setup: SingleCouplingSetup, traceSet: Matrix,
        initRNG: inout SeededGenerator, sampleRNG: inout SeededGenerator,
        progress: (Double) -> Void = { _ in }
    ) throws -> TrainedSingleCoupling {
        try setup.validate()
        var flow = try Flow(dimension: 2)
        try flow.appendBlock(rotation: Matrix.identity(2), passiveCount: 1, hiddenWidths: setup.hiddenWidths,
                             activation: .relu, clamp: setup.clamp, using: &initRNG)
        let cfg = setup.training
        let initialKinks = ReLUKinkCount(coupling: flow.blocks[0].coupling)
        var adam = try Adam(config: cfg.adam, parameterCount: flow.parameterCount)
        var theta = flow.parameters
        var losses: [Double] = [], traceSteps = [0], traceLoss = [try flow.mlLoss(traceSet)]
        losses.reserveCapacity(cfg.steps)
        let start = Date()
        for step in 0..<cfg.steps {
            let batch = try density.sample(count: cfg.batchSize, using: &sampleRNG)
            let (loss, gradient) = try flow.mlLossAndGradient(batch)
            guard loss.isFinite, gradient.allSatisfy(\.isFinite) else { throw FlowCoreError.diverged(step: step, loss: loss) }
            losses.append(loss)
            try adam.step(parameters: &theta, gradient: gradient,
                          learningRate: cfg.schedule.learningRate(base: cfg.adam.learningRate, step: step))
            try flow.setParameters(theta)
            if (step + 1) % setup.traceEvery == 0 || step + 1 == cfg.steps {
                traceSteps.append(step + 1)
                traceLoss.append(try flow.mlLoss(traceSet))
                progress(Double(step + 1) / Double(cfg.steps))
            }
        }
        return TrainedSingleCoupling(flow: flow, trainingLoss: losses, traceSteps: traceSteps, traceLoss: traceLoss,
                                     initialKinks: initialKinks, seconds: Date().timeIntervalSince(start))
    }
}
