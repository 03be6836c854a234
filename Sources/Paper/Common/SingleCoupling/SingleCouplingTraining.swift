import Foundation
import FlowCore

/// One rotation + affine coupling trained on a 2D density, with its loss traces and held-out loss.
public struct TrainedSingleCoupling: Sendable {
    /// The trained one-block flow: rotation Q(θ), then the coupling.
    public let flow: Flow
    /// Training loss of every step, on that step's fresh batch, before the update.
    public let trainingLoss: [Double]
    /// Steps at which the held-out trace was evaluated (0 = before training, last = after the last step).
    public let traceSteps: [Int]
    /// ML loss on the fixed trace set at `traceSteps`.
    public let traceLoss: [Double]
    /// The final held-out ML loss with its standard error (fresh samples, independent of the trace set).
    public let heldOut: HeldOutLoss
    /// The held-out samples themselves (in x coordinates), for push-forward statistics.
    public let heldOutSamples: Matrix
    /// Hidden units bending inside / inactive on p ∈ [−2, 2] at initialisation (nil unless 1 → H → 2 ReLU-type).
    public let initialKinks: ReLUKinkCount?
    /// Rows per training step (the protocol's batch size).
    public let batchSize: Int
    /// Wall time of the training loop in seconds (measured, not part of any result check).
    public let seconds: Double

    /// The trained coupling τ.
    public var coupling: AffineCoupling { flow.blocks[0].coupling }
    /// Hidden units bending inside / inactive on p ∈ [−2, 2] after training.
    public var finalKinks: ReLUKinkCount? { ReLUKinkCount(coupling: coupling) }
}

/// Trains τ ∘ Q(θ) by maximum likelihood on fresh samples with the library's Float trainer
/// (`FlowTrainer.train`), observing the flow every `traceEvery` steps for a held-out loss trace.
public enum SingleCouplingTraining {
    /// Initialisation, training batches, the trace set and the held-out set use four generators split
    /// off `rng` (in that order). `progress` receives the fraction of steps done.
    /// Throws `FlowCoreError.diverged` on a non-finite loss, or on invalid settings.
    public static func train(density: any Density, settings: SingleCouplingSettings, rotationDegrees: Double = 0,
                             using rng: inout SeededGenerator, progress: (Double) -> Void = { _ in }) throws -> TrainedSingleCoupling {
        try settings.validate()
        var initRNG = rng.split(), sampleRNG = rng.split(), traceRNG = rng.split(), heldRNG = rng.split()
        var flow = try Flow(dimension: 2)
        let subnet = try MLP(inputCount: 1, outputCount: 2, hiddenWidths: settings.hiddenWidths,
                             activation: settings.activation, zeroLastLayer: settings.zeroOutputLayer, using: &initRNG)
        let coupling = try AffineCoupling(passiveCount: 1, activeCount: 1, subnet: subnet, clamp: settings.clamp)
        try flow.append(FlowBlock(rotation: Rotation2D.matrix(degrees: rotationDegrees), coupling: coupling))
        let initialKinks = ReLUKinkCount(coupling: flow.blocks[0].coupling)
        let traceSet = try density.sample(count: settings.traceCount, using: &traceRNG)
        var traceSteps = [0], traceLoss = [try flow.mlLoss(traceSet)]
        let steps = settings.training.steps
        var source = DensitySource(density: density)
        let start = Date()
        let history = try withoutActuallyEscaping(progress) { report in
            let observer = TrainingObserver(every: settings.traceEvery) { step, current in
                traceSteps.append(step)                         // held-out loss of the flow as it is now
                traceLoss.append(try current.mlLoss(traceSet))
                report(Double(step) / Double(steps))
            }
            return try FlowTrainer.train(&flow, source: &source, config: settings.training, observer: observer, using: &sampleRNG)
        }
        let seconds = Date().timeIntervalSince(start)
        let heldOutSet = try density.sample(count: settings.heldOutCount, using: &heldRNG)
        return TrainedSingleCoupling(flow: flow, trainingLoss: history, traceSteps: traceSteps, traceLoss: traceLoss,
                                     heldOut: try HeldOutLoss(flow: flow, samples: heldOutSet), heldOutSamples: heldOutSet,
                                     initialKinks: initialKinks, batchSize: settings.training.batchSize, seconds: seconds)
    }
}
