import FlowCore

/// What fitting one block produced besides the extended flow.
public struct BlockFit: Sendable {
    /// The training loss of every step (empty for a closed-form block).
    public var trainingLoss: [Double]
    /// The validation trace of the training run (empty when none was recorded).
    public var trace: [TracePoint]

    public init(trainingLoss: [Double] = [], trace: [TracePoint] = []) {
        self.trainingLoss = trainingLoss
        self.trace = trace
    }
}

/// Algorithm 2, line 4: fits the coupling τ_l of the new block Q_l behind the flow built so far.
///
/// `TrainedBlockFitter` trains it by maximum likelihood (layer-wise or, progressively, with all
/// earlier blocks); `ClosedFormBlockFitter` writes it down from estimated conditional moments (Lemma 1).
public protocol BlockFitter: Sendable {
    /// D_P: the number of passive coordinates of every coupling (the rotation search needs it).
    var passiveCount: Int { get }
    /// Appends the block with rotation `rotation` to `flow`, fitted on samples from `data`.
    /// With `validation` samples, a trained fitter records the whole flow's validation loss as it trains.
    func extend<Data: PushForwardSampler>(_ flow: inout Flow, rotation: Matrix, data: inout Data, validation: Matrix?,
                                          using rng: inout SeededGenerator) throws -> BlockFit
}
