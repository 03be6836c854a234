import FlowCore

/// Fig. 3's three curves over a grid of p: conditional KL before the layer, after a trained layer,
/// and Theorem 1's bound (Eq. 18 per p). Entries are nil where H[μ(a|p)] is unavailable.
public struct ConditionalKLCurves: Sendable, Equatable {
    public var p: [Double]
    public var before: [Double?]
    /// After the given coupling; nil everywhere when no coupling was given.
    public var after: [Double?]
    public var bound: [Double?]

    /// Evaluates the curves at `ps`; `coupling` (D_P = D_A = 1) is the trained layer, if any.
    public init<Q: KnownConditionalDensity>(density: Q, at ps: [Double], coupling: AffineCoupling? = nil) throws {
        p = ps
        before = ps.map { ConditionalKL.before(of: density, at: $0) }
        bound = ps.map { ConditionalKL.bound(of: density, at: $0) }
        if let coupling {
            after = try LemmaOne.conditionalKLAfter(of: density, coupling: coupling, at: ps)
        } else {
            after = [Double?](repeating: nil, count: ps.count)
        }
    }
}

extension TheoremOne {
    /// Δ(θ) of a 2D Gaussian mixture (e.g. `GaussianMixture2D.example4(delta: 0.95)`) on an angle grid:
    /// each angle rotates the mixture exactly (Eq. 25) and integrates Eq. 20 over p.
    public static func deltaCurve(
        of mixture: GaussianMixture2D, anglesDeg: [Double], quadrature: AdaptiveQuadrature = .init()
    ) -> [Double] {
        deltaCurve(anglesDeg: anglesDeg, quadrature: quadrature) { mixture.rotated(byDegrees: $0) }
    }
}
