import FlowCore

/// A block trained by maximum likelihood under a `TrainingPlan`.
public struct TrainedBlockFitter: BlockFitter {
    /// Which parameters an iteration trains, on what.
    public enum Scope: Codable, Sendable, Hashable {
        /// Algorithm 2: the new block alone. With a pool: `pool` samples of T^(l−1)_♯ μ drawn once and
        /// visited in shuffled batches (the frozen blocks run once per sample, not once per step);
        /// without: fresh batches of μ, pushed through the frozen blocks at every step.
        case layerwise(pool: Int?)
        /// Example 7's progressive variant: blocks 1…l jointly, on fresh batches of μ.
        case progressive
    }

    public var architecture: CouplingArchitecture
    public var training: TrainingPlan
    public var scope: Scope

    public init(architecture: CouplingArchitecture, training: TrainingPlan, scope: Scope) {
        self.architecture = architecture
        self.training = training
        self.scope = scope
    }

    public var passiveCount: Int { architecture.passiveCount }

    public func extend<Data: PushForwardSampler>(_ flow: inout Flow, rotation: Matrix, data: inout Data, validation: Matrix?,
                                                 using rng: inout SeededGenerator) throws -> BlockFit {
        let prefix = flow
        try flow.appendBlock(rotation: rotation, architecture: architecture, using: &rng)
        let last = flow.blocks.count - 1
        let outcome: TrainingOutcome
        switch scope {
        case .layerwise(let pool?):
            outcome = try trainOnPool(&flow, prefix: prefix, poolSize: pool, data: &data, validation: validation, using: &rng)
        case .layerwise(nil):
            outcome = try PlannedTraining.run(&flow, source: &data.source, plan: training, trainableBlocks: last..<(last + 1),
                                              validation: validation.map { ValidationSamples($0) }, using: &rng)
        case .progressive:
            outcome = try PlannedTraining.run(&flow, source: &data.source, plan: training, trainableBlocks: 0..<(last + 1),
                                              validation: validation.map { ValidationSamples($0) }, using: &rng)
        }
        return BlockFit(trainingLoss: outcome.trainingLoss, trace: outcome.trace)
    }

    /// The new (last) block trained alone on `poolSize` samples pushed once through `prefix`; the
    /// validation trace is the whole flow's loss: the block's loss on the pushed validation samples
    /// minus the prefix's mean log-determinant on them.
    func trainOnPool<Data: PushForwardSampler>(_ flow: inout Flow, prefix: Flow, poolSize: Int, data: inout Data,
                                               validation: Matrix?, using rng: inout SeededGenerator) throws -> TrainingOutcome {
        let last = flow.blocks.count - 1
        let pool = try data.pushed(poolSize, through: prefix, precision: .float, using: &rng)
        var poolSource = try DatasetSource(data: pool)
        var block = try Flow(dimension: flow.dimension, blocks: [flow.blocks[last]])
        var check: ValidationSamples?
        if let validation, training.tracePoints > 0 {
            let pushed = prefix.blocks.isEmpty ? (z: validation, logDet: [0.0]) : try prefix.forwardFloat(validation)
            check = ValidationSamples(pushed.z, offset: pushed.logDet.reduce(0, +) / Double(pushed.logDet.count))
        }
        let outcome = try PlannedTraining.run(&block, source: &poolSource, plan: training.batches(atMost: pool.rows),
                                              validation: check, using: &rng)
        try flow.replaceBlock(at: last, with: block.blocks[0])
        return outcome
    }
}
