import FlowCore

/// End-to-end training of L blocks with fixed Haar-random rotations (the "E2E" baseline of Examples 6–7).
public enum EndToEndConstruction {
    /// One flow of `depth` blocks with fixed Haar-random rotations, all blocks trained jointly on
    /// batches from `source`; its record holds the held-out loss (and KL where H[μ] is known) and,
    /// with `validation` samples, the validation trace (`onTracePoint` sees each point).
    public static func build<S: BatchSource>(
        source: S, depth: Int, architecture: CouplingArchitecture, training: TrainingPlan, heldOut: Matrix, entropy: Double?,
        validation: Matrix? = nil, using rng: inout SeededGenerator, onTracePoint: ((TracePoint) throws -> Void)? = nil
    ) throws -> ConstructionResult {
        guard depth >= 1 else { throw TheoryError.invalidArgument(name: "depth", value: "\(depth)", reason: "must be ≥ 1") }
        var flow = try Flow(dimension: source.dimension)
        for _ in 0..<depth {
            let q = try OrthogonalMatrices.haarOrthogonal(dimension: flow.dimension, special: true, using: &rng)
            try flow.appendBlock(rotation: q, architecture: architecture, using: &rng)
        }
        var source = source
        let outcome = try PlannedTraining.run(&flow, source: &source, plan: training, validation: validation.map { ValidationSamples($0) },
                                              onTracePoint: onTracePoint, using: &rng)
        var entry = try DepthRecord.scoring(flow, heldOut: heldOut, entropy: entropy, chosenDelta: nil, history: outcome.trainingLoss)
        entry.validationTrace = outcome.trace
        return ConstructionResult(flow: flow, records: [entry])
    }
}
