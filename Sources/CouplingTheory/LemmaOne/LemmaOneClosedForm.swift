import FlowCore

/// A fitted closed-form Lemma 1 layer and the moment estimate it was built from.
public struct ClosedFormLayer: Sendable {
    public var coupling: AffineCoupling
    public var moments: ConditionalMomentFit
}

extension LemmaOne {
    /// The optimal single coupling of Lemma 1 (Eq. 11) built without gradient descent: from samples
    /// `[p, a]` (N × D, D_P = 1, already rotated), m̂(p) and σ̂(p) are estimated by local-linear kernel
    /// regression (`KernelConditionalMoments`, bandwidth by held-out loss), and the coupling applies
    /// a' = (a − m̂(p))/σ̂(p), i.e. s = −log σ̂, t = −m̂/σ̂, interpolated linearly between the knots and
    /// constant beyond them. It is exactly invertible (a = a'·σ̂(p) + m̂(p) between knots in (s, t)-space)
    /// with log|det J| = Σ_j s_j(p), and it is a plain `AffineCoupling` (see
    /// `AffineCoupling.init(piecewiseLinearKnots:scale:shift:)`).
    public static func closedFormLayer(samples y: Matrix, config: KernelMomentsConfig = .init(),
                                       using rng: inout SeededGenerator) throws -> ClosedFormLayer {
        guard y.cols >= 2 else {
            throw TheoryError.invalidArgument(name: "samples.cols", value: "\(y.cols)", reason: "need [p, a…] rows (≥ 2 columns)")
        }
        let active = try SampleDelta.columns(y, 1..<y.cols)
        let fit = try KernelConditionalMoments.fit(passive: y.column(0), active: active, config: config, using: &rng)
        let (s, t) = fit.scaleAndShift
        return ClosedFormLayer(coupling: try AffineCoupling(piecewiseLinearKnots: fit.knots, scale: s, shift: t), moments: fit)
    }
}
