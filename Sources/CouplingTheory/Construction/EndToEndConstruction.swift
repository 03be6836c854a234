import FlowCore

/// End-to-end training of L blocks with fixed Haar-random rotations (the "E2E" baseline of Examples 6–7).
public enum EndToEndConstruction {
    /// One fresh flow per depth in `config.depths`, all blocks trained jointly on fresh samples of
    /// `density`; held-out loss (and KL where H[μ] is known) per depth. Returns the deepest flow.
    public static func train<D: Density>(density: D, config: EndToEndConfig, using rng: inout SeededGenerator) throws
        -> ConstructionResult
    {
        let heldOut = try density.sample(count: config.heldOutCount, using: &rng)
        return try train(source: DensitySource(density: density), heldOut: heldOut, entropy: density.entropy,
                         config: config, using: &rng)
    }

    /// The general form over any batch source.
    public static func train<S: BatchSource>(
        source: S, heldOut: Matrix, entropy: Double?, config: EndToEndConfig, validation: Matrix? = nil,
        using rng: inout SeededGenerator
    ) throws -> ConstructionResult {
        guard !config.depths.isEmpty, config.depths.allSatisfy({ $0 >= 1 }) else {
            throw TheoryError.invalidArgument(name: "depths", value: "\(config.depths)", reason: "need ≥ 1 depth, each ≥ 1")
        }
        var source = source
        var records: [DepthRecord] = []
        var last: Flow?
        let a = config.architecture
        for depth in config.depths {
            var flow = try Flow(dimension: source.dimension)
            for _ in 0..<depth {
                let q = try OrthogonalMatrices.haarOrthogonal(dimension: flow.dimension, special: true, using: &rng)
                try flow.appendBlock(rotation: q, passiveCount: a.passiveCount, hiddenWidths: a.hiddenWidths,
                                     activation: a.activation, clamp: a.clamp, using: &rng)
            }
            let trace = ValidationTraceRecorder.observer(samples: validation, points: config.validationPoints,
                                                         steps: config.training.steps)
            let history = try FlowTrainer.train(&flow, source: &source, config: config.training, observer: trace?.1, using: &rng)
            var entry = try FlowConstruction.record(flow: flow, heldOut: heldOut, entropy: entropy, chosenDelta: nil, history: history)
            entry.validationTrace = trace?.0.points ?? []
            records.append(entry)
            last = flow
        }
        return ConstructionResult(flow: last!, records: records)
    }
}
