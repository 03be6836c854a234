import FlowKernels

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
    /// the last step (see `TrainingObserver`); without it no step pays for a write-back. Its decision can
    /// scale the learning rate of the later steps or end the run early (the history then ends there).
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
        var batch = Matrix(rows: 0, cols: flow.dimension)   // refilled in place by sources that can
        // The observer's learning-rate factor; 1 (exact in every product) unless an observer steers.
        var rateFactor = 1.0
        for step in 0..<config.steps {
            try source.nextBatch(size: config.batchSize, into: &batch, using: &rng)
            try check(batch, cols: flow.dimension, rows: config.batchSize, what: "training batch \(step)")
            let lr = config.schedule.learningRate(base: config.adam.learningRate, step: step) * rateFactor
            let loss = session.step(batch: batch, learningRate: lr)
            guard loss.isFinite else { throw FlowCoreError.diverged(step: step, loss: loss) }
            history.append(loss)
            if let observer, observer.isDue(completed: step + 1, total: config.steps) {
                switch try observer.steer(step + 1, writtenBack(session, into: flow, blocks: range, step: step, loss: loss)) {
                case .proceed: break
                case .scaleLearningRate(let factor): rateFactor *= factor
                case .stop:
                    flow = try writtenBack(session, into: flow, blocks: range, step: step, loss: loss)
                    return history
                }
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
    let upperBlock: Int
    let trainable: Range<Int>
    private(set) var stepCount = 0

    init(flow: Flow, config: TrainingConfig, lowestBlock: Int, upperBlock: Int) {
        engine = FlowEngine(flow: flow, capacity: Self.tileRows(config: config, flow: flow))
        self.config = config
        self.lowestBlock = lowestBlock
        self.upperBlock = upperBlock
        batch = ScalarBuffer(count: config.batchSize * flow.dimension)
        trainable = engine.parameterOffsets[lowestBlock]..<engine.parameterOffsets[upperBlock]
        firstMoment = ScalarBuffer(count: trainable.count)
        secondMoment = ScalarBuffer(count: trainable.count)
    }

    /// Rows per tile: at most `config.tileRows`, and at most 2048 / (widest hidden width) rounded down to a
    /// multiple of 4 (≥ 4), so that one hidden activation buffer of a tile is ≤ 8 KB and a layer's
    /// pre-activations, activations and gradients stay in L1 together. Measured (CPU time per step):
    /// width 256 (Example 1) 1.34 ms at 64 rows, 1.0 ms at 8; width 64 (12 blocks) best at 32.
    /// Subnets that run as one pass (`OneHiddenLayerKernels`: one buffer of hidden rows, no per-layer gradients)
    /// take twice as many rows, 4096 / width: Example 1's step (`ex1-bench`, 5 alternating runs of 1500 steps)
    /// took 0.47–0.51 CPU-s at 16 rows against 0.55–0.72 at 8 and 0.50–0.62 at 32.
    /// The gradient does not depend on the tile size: every sum over rows runs in row order across tiles.
    static func tileRows(config: TrainingConfig, flow: Flow) -> Int {
        let width = flow.blocks.map { $0.coupling.subnet.hiddenWidths.max() ?? 1 }.max() ?? 1
        let onePass = flow.blocks.allSatisfy {
            let layout = $0.coupling.subnet.layout
            return OneHiddenLayerKernels.handles(widths: layout.widths, activation: layout.activation.kernel,
                                                 activatesInPlace: MLPWorkspace<Float>.activatesInPlace(layout))
        }
        let fitting = max(4, ((onePass ? 4096 : 2048) / max(width, 1)) / 4 * 4)
        return min(config.tileRows, fitting)
    }

    /// One training step; returns the batch loss, or a non-finite value (without updating) on divergence.
    func step(batch x: Matrix, learningRate: Double) -> Double {
        x.values.withUnsafeBufferPointer { v in
            for k in 0..<v.count { batch.pointer[k] = Float(v[k]) }
        }
        // The step's Float arithmetic runs with subnormals flushed (`SubnormalFlush`: up to 9 % of a deep
        // training run went to subnormal assists, with no effect on the results).
        return SubnormalFlush.flushingSubnormals { update(learningRate: learningRate, rows: x.rows) }
    }

    /// Loss, gradient and one Adam update on the batch already in `batch`.
    private func update(learningRate: Double, rows: Int) -> Double {
        let loss = engine.lossAndGradient(batch: batch.pointer, rows: rows, lowestBlock: lowestBlock)
        let g = engine.gradient.pointer + trainable.lowerBound
        guard AdamKernel.allFinite(g, count: trainable.count) else { return .nan }
        guard loss.isFinite else { return loss }
        stepCount += 1
        AdamKernel.update(parameters: engine.parameters.pointer + trainable.lowerBound, gradient: g,
                          m: firstMoment.pointer, v: secondMoment.pointer, count: trainable.count,
                          step: stepCount, learningRate: learningRate, config: config.adam)
        engine.refresh(blocks: lowestBlock..<upperBlock)   // frozen blocks' Wᵀ copies never change
        return loss
    }
}
