import FlowCore

/// Configuration of Algorithm 2 with closed-form (Lemma 1) layers instead of gradient descent.
public struct ClosedFormConstructionConfig: Codable, Sendable, Equatable {
    /// The number of blocks L to add.
    public var depth: Int = 12
    /// How Q_l is chosen (OAS on samples of the current push-forward, or random).
    public var rotation: RotationPolicy = .oasDefault
    /// Fresh samples of μ drawn per layer, pushed through T^(l−1), on which m̂, σ̂ are estimated.
    public var samplesPerLayer: Int = 1 << 14
    public var moments = KernelMomentsConfig()
    /// A layer whose gain over the identity on the estimator's inner held-out rows is below this many
    /// standard errors is replaced by the identity (s = t = 0): on a finite data set, later layers
    /// otherwise fit the noise of the same rows again and again. nil: always keep the fitted layer.
    public var minimumGainSE: Double? = 2

    public init(depth: Int = 12, rotation: RotationPolicy = .oasDefault, samplesPerLayer: Int = 1 << 14,
                moments: KernelMomentsConfig = .init(), minimumGainSE: Double? = 2) {
        self.depth = depth; self.rotation = rotation; self.samplesPerLayer = samplesPerLayer; self.moments = moments
        self.minimumGainSE = minimumGainSE
    }
}

/// Algorithm 2 with closed-form layers: each iteration chooses Q_l (OAS by default), pushes fresh
/// samples of μ through the current flow and Q_l, and appends the Lemma 1 layer fitted on them.
public enum ClosedFormConstruction {
    /// Builds `config.depth` blocks; `onLayer` sees each depth's record as soon as it exists.
    public static func build<S: BatchSource>(
        source: S, heldOut: Matrix, entropy: Double?, config: ClosedFormConstructionConfig,
        using rng: inout SeededGenerator, onLayer: ((DepthRecord) throws -> Void)? = nil
    ) throws -> ConstructionResult {
        guard config.depth >= 1 else { throw TheoryError.invalidArgument(name: "depth", value: "\(config.depth)", reason: "must be ≥ 1") }
        var source = source
        var flow = try Flow(dimension: source.dimension)
        var records: [DepthRecord] = []
        for _ in 0..<config.depth {
            let (q, delta) = try FlowConstruction.chooseRotation(flow: flow, source: &source, policy: config.rotation,
                                                                 passiveCount: 1, using: &rng)
            try appendLayer(to: &flow, rotation: q, source: &source, config: config, using: &rng)
            let entry = try FlowConstruction.record(flow: flow, heldOut: heldOut, entropy: entropy, chosenDelta: delta, history: [])
            try onLayer?(entry)
            records.append(entry)
        }
        return ConstructionResult(flow: flow, records: records)
    }

    /// Appends Q and the Lemma 1 layer fitted on `samplesPerLayer` fresh samples of Q·T(x), x ~ μ.
    static func appendLayer<S: BatchSource>(to flow: inout Flow, rotation q: Matrix, source: inout S,
                                            config: ClosedFormConstructionConfig, using rng: inout SeededGenerator) throws {
        let x = try source.nextBatch(size: config.samplesPerLayer, using: &rng)
        let pushed = flow.blocks.isEmpty ? x : try flow.forward(x).z
        let layer = try LemmaOne.closedFormLayer(samples: try pushed.rotatingRows(by: q), config: config.moments, using: &rng)
        var coupling = layer.coupling
        if let k = config.minimumGainSE, layer.moments.heldOutGain <= k * layer.moments.heldOutGainSE {
            let zeros = Matrix(rows: layer.moments.knots.count, cols: flow.dimension - 1)
            coupling = try AffineCoupling(piecewiseLinearKnots: layer.moments.knots, scale: zeros, shift: zeros)
        }
        try flow.append(FlowBlock(rotation: q, coupling: coupling))
    }
}
