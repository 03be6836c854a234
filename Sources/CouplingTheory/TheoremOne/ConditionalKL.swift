import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The conditional KL divergence KL(μ(a'|p) ‖ N(0, 1)) as a function of p (Fig. 3, Example 3):
/// before the layer, after a given layer a' = a·e^{s(p)} + t(p), and Theorem 1's bound (Eq. 18 per p).
public enum ConditionalKL {
    /// The conditional entropy H[μ(a|p)]: the density's closed form if it has one, otherwise
    /// −∫ f log f da by adaptive quadrature of `conditionalLogDensity` over m ± 12σ (the tail mass
    /// beyond 12σ is < 1/144 by Chebyshev and ~1e-32 for the Gaussian mixtures used here); nil if neither.
    public static func conditionalEntropy<Q: KnownConditionalDensity>(
        of density: Q, at p: Double, quadrature: AdaptiveQuadrature = .init()
    ) -> Double? {
        if let h = density.conditionalEntropy(p) { return h }
        let (m, s) = density.conditionalMoments(p)
        guard density.conditionalLogDensity(m, given: p) != nil else { return nil }
        return quadrature.integrate(over: (m - 12 * s)...(m + 12 * s)) { a in
            guard let l = density.conditionalLogDensity(a, given: p), l.isFinite else { return 0 }
            return -exp(l) * l
        }.value
    }

    /// After an affine layer a' = a·e^s + t at this p: KL(a'|p ‖ N(0,1)) = E[log q(a')] − E[log φ(a')]
    /// = (−H[μ(a|p)] − s) + ½ log 2π + ½ E[a'²], with E[a'²] = (m e^s + t)² + σ² e^{2s}.
    /// Exact (the push-forward of an affine map has entropy H + s), so no quadrature over a is needed.
    public static func after<Q: KnownConditionalDensity>(
        of density: Q, at p: Double, scale s: Double, shift t: Double, quadrature: AdaptiveQuadrature = .init()
    ) -> Double? {
        guard let h = conditionalEntropy(of: density, at: p, quadrature: quadrature) else { return nil }
        let (m, sigma) = density.conditionalMoments(p)
        let e = exp(s)
        let mean = m * e + t, variance = sigma * sigma * e * e
        return -h - s + 0.5 * log(2 * Double.pi) + 0.5 * (mean * mean + variance)
    }

    /// Before the layer (s = t = 0): KL(μ(a|p) ‖ N(0,1)) = −H[μ(a|p)] + ½ log 2π + ½(m² + σ²) (Eq. 39 per p).
    public static func before<Q: KnownConditionalDensity>(
        of density: Q, at p: Double, quadrature: AdaptiveQuadrature = .init()
    ) -> Double? {
        after(of: density, at: p, scale: 0, shift: 0, quadrature: quadrature)
    }

    /// Theorem 1's bound per p (the integrand of Eq. 18): H[N(0, σ(p))] − H[μ(a|p)] = ½ log(2πe σ²) − H,
    /// the negentropy of μ(a|p), which no affine layer can remove. Zero for Gaussian conditionals (W);
    /// ½ log(2πe) − log(2√3) ≈ 0.1765 for uniform conditionals (WU).
    public static func bound<Q: KnownConditionalDensity>(
        of density: Q, at p: Double, quadrature: AdaptiveQuadrature = .init()
    ) -> Double? {
        guard let h = conditionalEntropy(of: density, at: p, quadrature: quadrature) else { return nil }
        let sigma = density.conditionalMoments(p).std
        return 0.5 * log(2 * Double.pi * exp(1.0) * sigma * sigma) - h
    }
}
