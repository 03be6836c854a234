import FlowCore

/// A block written down from estimated conditional moments (Lemma 1), no gradient descent: the
/// layer is fitted on `samplesPerLayer` fresh samples of Q·T(x), x ~ μ (pushed in Double).
public struct ClosedFormBlockFitter: BlockFitter {
    public var samplesPerLayer: Int = 1 << 14
    public var moments = KernelMomentsConfig()
    /// A layer whose gain over the identity on the estimator's inner held-out rows is below this many
    /// standard errors is replaced by the identity (s = t = 0): on a finite data set, later layers
    /// otherwise fit the noise of the same rows again and again. nil: always keep the fitted layer.
    public var minimumGainSE: Double? = 2

    public init(samplesPerLayer: Int = 1 << 14, moments: KernelMomentsConfig = .init(), minimumGainSE: Double? = 2) {
        self.samplesPerLayer = samplesPerLayer; self.moments = moments; self.minimumGainSE = minimumGainSE
    }

    /// Lemma 1's layer has one passive coordinate.
    public var passiveCount: Int { 1 }

    public func extend<Data: PushForwardSampler>(_ flow: inout Flow, rotation q: Matrix, data: inout Data, validation: Matrix?,
                                                 using rng: inout SeededGenerator) throws -> BlockFit {
        let pushed = try data.pushed(samplesPerLayer, through: flow, precision: .double, using: &rng)
        let layer = try LemmaOne.closedFormLayer(samples: try pushed.rotatingRows(by: q), config: moments, using: &rng)
        var coupling = layer.coupling
        if let k = minimumGainSE, layer.moments.heldOutGain <= k * layer.moments.heldOutGainSE {
            let zeros = Matrix(rows: layer.moments.knots.count, cols: flow.dimension - 1)
            coupling = try AffineCoupling(piecewiseLinearKnots: layer.moments.knots, scale: zeros, shift: zeros)
        }
        try flow.append(FlowBlock(rotation: q, coupling: coupling))
        return BlockFit()
    }
}
