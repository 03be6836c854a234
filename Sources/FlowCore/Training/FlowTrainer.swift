/// Maximum-likelihood training of a flow with Adam, in Float, allocation-free per step.
///
/// Each step draws a batch, computes the ML loss (DESIGN.md: mean of ½‖z‖² − Σ log|det J|, accumulated
/// in Double) and its hand-written gradient for the trainable blocks, and applies one Adam update at the
/// scheduled learning rate. Only blocks in `trainableBlocks` change: the last block alone is layer-wise
/// training, 0..<l progressive, all blocks end-to-end. Blocks below the range are run forward only.
public enum FlowTrainer {
    /// Trains `flow` in place and returns the training loss of every step (before that step's update).
    ///
    /// Throws `FlowCoreError.diverged(step:loss:)` when a loss or gradient is non-finite; `flow` is then
    /// left unchanged (parameters are written back only after the last step). Also throws on invalid
    /// configuration, an empty/out-of-range block range, or batches of the wrong shape or with NaN/∞.
    /// `observer`, if given, receives a copy of the current flow every `observer.every` steps and after
    /// the last step (see `TrainingObserver`); without it no step pays for a write-back.
    public static func train<S: BatchSource>(_ flow: inout Flow, source: inout S, config: TrainingConfig,
                                             trainableBlocks: Range<Int>? = nil, observer: TrainingObserver? = nil,
                                             using rng: inout SeededGenerator) throws -> [Double] {
        try config.validate()
        try observer?.validate()
        let range = try flow.validatedBlockRange(trainableBlocks)
        guard source.dimension == flow.dimension else {
            throw FlowCoreError.shapeMismatch(what: "batch source", expected: "dimension \(flow.dimension)", got: "\(source.dimension)")
        }
        let session = TrainingSession(flow: flow, config: config, lowestBlock: range.lowerBound, upperBlock: range.upperBound)
        var history: [Double] = []
        history.reserveCapacity(config.steps)
        for step in 0..<config.steps {
            let batch = try source.nextBatch(size: config.batchSize, using: &rng)
            try check(batch, cols: flow.dimension, rows: config.batchSize, what: "training batch \(step)")
            let lr = config.schedule.learningRate(base: config.adam.learningRate, step: step)
            let loss = session.step(batch: batch, learningRate: lr)
            guard loss.isFinite else { throw FlowCoreError.diverged(step: step, loss: loss) }
            history.append(loss)
            if let observer, observer.isDue(completed: step + 1, total: config.steps) {
                try observer.observe(step + 1, writtenBack(session, into: flow, blocks: range, step: step, loss: loss))
            }
        }
        flow = try writtenBack(session, into: flow, blocks: range, step: config.steps - 1, loss: history.last ?? .nan)
        return history
    }

    /// `flow` with the trainable blocks' parameters replaced by the engine's current (Float) values.
    /// Throws `diverged(step:loss:)` if a parameter is non-finite.
    static func writtenBack(_ session: TrainingSession, into flow: Flow, blocks range: Range<Int>,
                            step: Int, loss: Double) throws -> Flow {
        var updated = flow
        for b in range {
            let theta = session.engine.parameters(ofBlock: b)
            guard theta.allSatisfy(\.isFinite) else { throw FlowCoreError.diverged(step: step, loss: loss) }
            var block = updated.blocks[b]
            try block.coupling.subnet.setParameters(theta)
            try updated.replaceBlock(at: b, with: block)
        }
        return updated
    }
}

/// The preallocated Float state of one training run: engine, batch buffer and Adam moments.
final class TrainingSession {
    let engine: FlowEngine<Float>
    let config: TrainingConfig
    let lowestBlock: Int
    let batch: ScalarBuffer<Float>
    let firstMoment: ScalarBuffer<Float>
    let secondMoment: ScalarBuffer<Float>
    let trainable: Range<Int>
    private(set) var stepCount = 0

    init(flow: Flow, config: TrainingConfig, lowestBlock: Int, upperBlock: Int) {
        engine = FlowEngine(flow: flow, capacity: config.tileRows)
        self.config = config
        self.lowestBlock = lowestBlock
        batch = ScalarBuffer(count: config.batchSize * flow.dimension)
        trainable = engine.parameterOffsets[lowestBlock]..<engine.parameterOffsets[upperBlock]
        firstMoment = ScalarBuffer(count: trainable.count)
        secondMoment = ScalarBuffer(count: trainable.count)
    }

    /// One training step; returns the batch loss, or a non-finite value (without updating) on divergence.
    func step(batch x: Matrix, learningRate: Double) -> Double {
        x.values.withUnsafeBufferPointer { v in
            for k in 0..<v.count { batch.pointer[k] = Float(v[k]) }
        }
        let loss = engine.lossAndGradient(batch: batch.pointer, rows: x.rows, lowestBlock: lowestBlock)
        let g = engine.gradient.pointer + trainable.lowerBound
        for k in 0..<trainable.count where !g[k].isFinite { return .nan }
        guard loss.isFinite else { return loss }
        stepCount += 1
        AdamKernel.update(parameters: engine.parameters.pointer + trainable.lowerBound, gradient: g,
                          m: firstMoment.pointer, v: secondMoment.pointer, count: trainable.count,
                          step: stepCount, learningRate: learningRate, config: config.adam)
        engine.refresh()
        return loss
    }
}
