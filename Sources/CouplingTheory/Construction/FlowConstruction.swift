import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Algorithm 2 (iterative affine flow construction) and its progressive variant (Example 7).
public enum FlowConstruction {
    /// Which blocks each iteration trains.
    public enum Mode: String, Codable, Sendable {
        /// Algorithm 2: iteration l trains block l only, on the push-forward of the frozen T^(l−1).
        case layerwise
        /// Example 7's "progressive": iteration l trains blocks 1…l jointly.
        case progressive
    }

    /// Builds a flow block by block from fresh samples of `density`; held-out samples and the KL use
    /// `density.entropy` when known.
    public static func build<D: Density>(
        density: D, mode: Mode, config: IterativeConstructionConfig, using rng: inout SeededGenerator
    ) throws -> ConstructionResult {
        let heldOut = try density.sample(count: config.heldOutCount, using: &rng)
        return try build(source: DensitySource(density: density), heldOut: heldOut, entropy: density.entropy,
                         mode: mode, config: config, using: &rng)
    }

    /// The general form over any batch source. Each iteration l:
    /// 1. Q_l by `config.rotation` — OAS on samples of T^(l−1)_♯ μ (Algorithm 1) or Haar-random;
    /// 2. append τ_l ∘ Q_l with an identity-initialised coupling;
    /// 3. train block l (layerwise) or blocks 1…l (progressive) on fresh batches — earlier frozen
    ///    blocks are applied forward, so block l sees samples y = Q_l T^(l−1)(x), x ~ μ (Algorithm 2, line 4);
    /// 4. record the held-out ML loss and the KL where H[μ] is known.
    ///
    /// With `validation` samples and `config.validationPoints` > 0, each iteration's record holds
    /// the validation loss of the flow during that iteration's training.
    public static func build<S: BatchSource>(
        source: S, heldOut: Matrix, entropy: Double?, mode: Mode, config: IterativeConstructionConfig,
        validation: Matrix? = nil, using rng: inout SeededGenerator
    ) throws -> ConstructionResult {
        guard config.depth >= 1 else { throw TheoryError.invalidArgument(name: "depth", value: "\(config.depth)", reason: "must be ≥ 1") }
        var source = source
        var flow = try Flow(dimension: source.dimension)
        var records: [DepthRecord] = []
        for l in 0..<config.depth {
            let (q, delta) = try chooseRotation(flow: flow, source: &source, policy: config.rotation,
                                                passiveCount: config.architecture.passiveCount, using: &rng)
            let a = config.architecture
            try flow.appendBlock(rotation: q, passiveCount: a.passiveCount, hiddenWidths: a.hiddenWidths,
                                 activation: a.activation, clamp: a.clamp, using: &rng)
            let history: [Double], trace: [TracePoint]
            if mode == .layerwise, let pool = config.layerwisePool {
                (history, trace) = try trainLastBlockOnPool(&flow, poolSize: pool, source: &source, config: config,
                                                            validation: validation, using: &rng)
            } else {
                let trainable = mode == .layerwise ? l..<(l + 1) : 0..<(l + 1)
                let recorder = ValidationTraceRecorder.observer(samples: validation, points: config.validationPoints,
                                                                steps: config.training.steps)
                history = try FlowTrainer.train(&flow, source: &source, config: config.training,
                                                trainableBlocks: trainable, observer: recorder?.1, using: &rng)
                trace = recorder?.0.points ?? []
            }
            var entry = try record(flow: flow, heldOut: heldOut, entropy: entropy, chosenDelta: delta, history: history)
            entry.validationTrace = trace
            records.append(entry)
        }
        return ConstructionResult(flow: flow, records: records)
    }

    /// Algorithm 2, line 4, on a pool: `poolSize` fresh samples of μ pushed once through the frozen
    /// blocks 1…l−1, then the new (last) block trained alone on shuffled mini-batches of that pool.
    /// The validation trace is the whole flow's loss: the block's loss on the pushed validation
    /// samples minus the prefix's mean log-determinant on them.
    static func trainLastBlockOnPool<S: BatchSource>(
        _ flow: inout Flow, poolSize: Int, source: inout S, config: IterativeConstructionConfig, validation: Matrix?,
        using rng: inout SeededGenerator
    ) throws -> ([Double], [TracePoint]) {
        let last = flow.blocks.count - 1
        let prefix = try Flow(dimension: flow.dimension, blocks: Array(flow.blocks.prefix(last)))
        let x = try source.nextBatch(size: poolSize, using: &rng)
        var data = try DatasetSource(data: prefix.blocks.isEmpty ? x : try prefix.forwardFloat(x).z)
        var block = try Flow(dimension: flow.dimension, blocks: [flow.blocks[last]])
        var recorder: (ValidationTraceRecorder, TrainingObserver)?
        if let validation, config.validationPoints > 0 {
            let pushed = prefix.blocks.isEmpty ? (z: validation, logDet: [0.0]) : try prefix.forwardFloat(validation)
            recorder = ValidationTraceRecorder.observer(samples: pushed.z, points: config.validationPoints,
                                                        steps: config.training.steps,
                                                        offset: pushed.logDet.reduce(0, +) / Double(pushed.logDet.count))
        }
        let history = try FlowTrainer.train(&block, source: &data, config: config.training, observer: recorder?.1, using: &rng)
        try flow.replaceBlock(at: last, with: block.blocks[0])
        return (history, recorder?.0.points ?? [])
    }

    /// Q_l and (for OAS) its Δ̂, from samples of the current push-forward T^(l−1)_♯ μ.
    static func chooseRotation<S: BatchSource>(
        flow: Flow, source: inout S, policy: RotationPolicy, passiveCount: Int, using rng: inout SeededGenerator
    ) throws -> (Matrix, Double?) {
        let d = flow.dimension
        switch policy {
        case .random:
            return (try OrthogonalMatrices.haarOrthogonal(dimension: d, special: true, using: &rng), nil)
        case .generalOAS:
            throw TheoryError.invalidArgument(name: "rotation", value: "generalOAS", reason: "not supported here")
        case let .oas(candidates, sampleCount, estimator):
            let x = try source.nextBatch(size: sampleCount, using: &rng)
            let y = flow.blocks.isEmpty ? x : try flow.forwardFloat(x).z
            let result: OASResult
            if d == 2 {
                result = try OptimalAffineSubspace.search2D(
                    samples: y, anglesDeg: OASCandidates.angleGrid(count: candidates), estimator: estimator)
            } else {
                result = try OptimalAffineSubspace.searchHaar(
                    samples: y, count: candidates, passiveDimension: passiveCount, estimator: estimator, using: &rng)
            }
            return (result.best.rotation, result.best.delta)
        }
    }

    /// The held-out loss and KL of `flow` (Eq. 7: KL = −H[μ] + D/2·log 2π + ML).
    static func record(flow: Flow, heldOut: Matrix, entropy: Double?, chosenDelta: Double?, history: [Double]) throws -> DepthRecord {
        try DepthRecord.scoring(flow, heldOut: heldOut, entropy: entropy, chosenDelta: chosenDelta, history: history)
    }
}
