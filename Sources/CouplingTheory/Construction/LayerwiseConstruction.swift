import FlowCore

/// Algorithm 2 (iterative affine flow construction), with any rotation policy and block fitter.
///
/// Each iteration l:
/// 1. Q_l by `rotation` — OAS on samples of T^(l−1)_♯ μ (Algorithm 1, or the general OAS) or Haar-random;
/// 2. τ_l by `fitter` on samples y = Q_l T^(l−1)(x), x ~ μ (Algorithm 2, line 4): trained alone on the
///    push-forward (layer-wise), with blocks 1…l (progressive), or in closed form (Lemma 1);
/// 3. the held-out ML loss, and the KL where H[μ] is known.
public enum LayerwiseConstruction {
    /// Builds `depth` blocks; `onLayer` sees each depth's record as soon as it exists. With `validation`
    /// samples, each record holds the validation trace of that iteration's training.
    public static func build<Data: PushForwardSampler, Fitter: BlockFitter>(
        data: Data, depth: Int, rotation: RotationPolicy, fitter: Fitter, heldOut: Matrix, entropy: Double?,
        validation: Matrix? = nil, using rng: inout SeededGenerator, onLayer: ((DepthRecord) throws -> Void)? = nil
    ) throws -> ConstructionResult {
        guard depth >= 1 else { throw TheoryError.invalidArgument(name: "depth", value: "\(depth)", reason: "must be ≥ 1") }
        var data = data
        var flow = try Flow(dimension: data.dimension)
        var records: [DepthRecord] = []
        for _ in 0..<depth {
            let choice = try rotation.choose(after: flow, data: &data, passiveCount: fitter.passiveCount, using: &rng)
            let fit = try fitter.extend(&flow, rotation: choice.rotation, data: &data, validation: validation, using: &rng)
            var entry = try DepthRecord.scoring(flow, heldOut: heldOut, entropy: entropy, chosenDelta: choice.delta,
                                                history: fit.trainingLoss)
            entry.startDelta = choice.startDelta
            entry.validationTrace = fit.trace
            try onLayer?(entry)
            records.append(entry)
        }
        return ConstructionResult(flow: flow, records: records)
    }
}
