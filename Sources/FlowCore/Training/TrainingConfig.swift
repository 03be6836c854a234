/// How to train a flow: number of steps, batch size, optimizer and learning-rate schedule.
///
/// One step = one batch of `batchSize` rows from the `BatchSource`, one gradient of the ML loss,
/// one Adam update. `tileRows` is a performance knob (at most this many rows are processed together;
/// the trainer takes fewer when the subnet is wide, so that activations of one tile stay in L1 —
/// see `TrainingSession.tileRows`); it does not change the result.
public struct TrainingConfig: Codable, Sendable, Equatable {
    public var steps: Int
    public var batchSize: Int
    public var adam: AdamConfig
    public var schedule: StepDecay
    public var tileRows: Int

    public init(steps: Int = 1000, batchSize: Int = 256, adam: AdamConfig = AdamConfig(),
                schedule: StepDecay = StepDecay(), tileRows: Int = 64) {
        self.steps = steps
        self.batchSize = batchSize
        self.adam = adam
        self.schedule = schedule
        self.tileRows = tileRows
    }

    /// The paper's Example 1 protocol: 4096 steps of 4096 fresh samples, Adam η = 0.1, ×0.9 every 100 steps.
    public static let paperExample1 = TrainingConfig(steps: 4096, batchSize: 4096, adam: AdamConfig(learningRate: 0.1),
                                                     schedule: StepDecay(gamma: 0.9, every: 100))

    /// Throws on steps < 1, batch size < 1, tile rows < 1 or invalid optimizer/schedule settings.
    public func validate() throws {
        guard steps >= 1 else { throw FlowCoreError.invalidArgument(name: "steps", value: "\(steps)", reason: "must be ≥ 1") }
        guard batchSize >= 1 else { throw FlowCoreError.invalidArgument(name: "batchSize", value: "\(batchSize)", reason: "must be ≥ 1") }
        guard tileRows >= 1 else { throw FlowCoreError.invalidArgument(name: "tileRows", value: "\(tileRows)", reason: "must be ≥ 1") }
        try adam.validate()
        try schedule.validate()
    }
}
