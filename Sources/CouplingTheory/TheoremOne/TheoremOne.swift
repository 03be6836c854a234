import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Theorem 1 evaluated exactly (by quadrature over p) for densities with known conditional moments.
///
/// Conventions (DESIGN.md): `[p, a] = x`, σ is a standard deviation, the ML loss per sample is
/// `½p² + ½a'² − s(p)` (the constant log 2π dropped), KL to the normal is `−H[μ] + log 2π + E[ML]` in 2D.
public enum TheoremOne {
    /// The integrand of Eq. 20 at one p: ½(m² + σ² − 1 − log σ²), the loss reduction the optimal
    /// affine layer achieves on the conditional μ(a|p). Zero iff m = 0 and σ = 1.
    @inlinable
    public static func deltaIntegrand(mean m: Double, std sigma: Double) -> Double {
        deltaIntegrand(mean: m, variance: sigma * sigma)
    }

    /// The same for a variance v = σ²: ½(m² + v − 1 − log v). The one place Eq. 20's integrand is
    /// written; estimators that have a variance call this (no square root and back, so their
    /// values stay bit-identical).
    @inlinable
    public static func deltaIntegrand(mean m: Double, variance v: Double) -> Double {
        0.5 * (m * m + v - 1 - log(v))
    }

    /// E_p[g(p, m(p), σ(p))] by adaptive Gauss–Kronrod quadrature of μ(p)·g over `passiveRange`,
    /// split at `passiveBreakpoints` (accuracy as documented on `AdaptiveQuadrature`, ≲ 1e-11).
    public static func passiveExpectation<Q: KnownConditionalDensity>(
        of density: Q, quadrature: AdaptiveQuadrature = .init(),
        _ g: (_ p: Double, _ mean: Double, _ std: Double) -> Double
    ) -> QuadratureResult {
        quadrature.integrate(over: density.passiveRange, breakpoints: density.passiveBreakpoints) { p in
            let w = density.passiveDensity(p)
            guard w > 0 else { return 0 }
            let (m, s) = density.conditionalMoments(p)
            return w * g(p, m, s)
        }
    }

    /// Δ of Eq. 20 (D_A = 1): Δ = ½ E_p[m(p)² + σ(p)² − 1 − log σ(p)²], the KL reduction of the
    /// optimal single affine coupling (Lemma 1) for the density as given (apply the rotation first).
    public static func delta<Q: KnownConditionalDensity>(
        of density: Q, quadrature: AdaptiveQuadrature = .init()
    ) -> QuadratureResult {
        passiveExpectation(of: density, quadrature: quadrature) { _, m, s in deltaIntegrand(mean: m, std: s) }
    }

    /// Δ(θ) on an angle grid (Eq. 20 with Eq. 25's rotation): `densityAt(θ)` must return the density
    /// rotated by Q(θ), e.g. `{ try GaussianMixture2D.example4(delta: 0.95).rotated(byDegrees: $0) }`.
    public static func deltaCurve<Q: KnownConditionalDensity>(
        anglesDeg: [Double], quadrature: AdaptiveQuadrature = .init(), densityAt: (Double) throws -> Q
    ) rethrows -> [Double] {
        try anglesDeg.map { try delta(of: densityAt($0), quadrature: quadrature).value }
    }

    /// The Theorem 1 minimum of the ML loss (Eq. 8 at Lemma 1's s, t; constant log 2π dropped):
    /// min E[½p² + ½a'² − s] = E[½p²] + E_p[½ + log σ(p)], because for fixed p
    /// min_{s,t} E[½(a e^s + t)² − s | p] is attained at e^s = 1/σ, t = −m/σ (Eq. 9–10) with value ½ + log σ.
    public static func boundMLLoss<Q: KnownConditionalDensity>(
        of density: Q, quadrature: AdaptiveQuadrature = .init()
    ) -> Double {
        passiveExpectation(of: density, quadrature: quadrature) { p, _, s in 0.5 * p * p + 0.5 + log(s) }.value
    }

    /// The ML loss of the identity layer (s = t = 0): E[½p² + ½a²] = E_p[½p² + ½(m² + σ²)].
    /// `mlLossBefore − boundMLLoss = Δ` (Eq. 19–20).
    public static func mlLossBefore<Q: KnownConditionalDensity>(
        of density: Q, quadrature: AdaptiveQuadrature = .init()
    ) -> Double {
        passiveExpectation(of: density, quadrature: quadrature) { p, m, s in 0.5 * (p * p + m * m + s * s) }.value
    }

    /// KL(μ‖N) before the layer (Eq. 6–7 with T = id): −H[μ] + log 2π + E[½‖x‖²]; needs H[μ].
    public static func klBefore<Q: KnownConditionalDensity>(
        of density: Q, quadrature: AdaptiveQuadrature = .init()
    ) throws -> Double {
        guard let h = density.entropy else { throw TheoryError.unavailable(what: "entropy of \(density.name)") }
        return -h + log(2 * Double.pi) + mlLossBefore(of: density, quadrature: quadrature)
    }

    /// The minimal KL after the optimal layer by Eq. 19: KL(μ‖N) − Δ; needs H[μ].
    public static func minimalKL<Q: KnownConditionalDensity>(
        of density: Q, quadrature: AdaptiveQuadrature = .init()
    ) throws -> Double {
        try klBefore(of: density, quadrature: quadrature) - delta(of: density, quadrature: quadrature).value
    }

    /// The minimal KL after the optimal layer by Eq. 18 itself:
    /// KL(μ_P‖N) + E_p[H[N(0, σ(p))] − H[μ(a|p)]], with H[μ_P] and (where not in closed form)
    /// H[μ(a|p)] by quadrature. Independent of `minimalKL` (Eq. 19), so the two check each other.
    public static func minimalKLByEquation18<Q: KnownConditionalDensity>(
        of density: Q, quadrature: AdaptiveQuadrature = .init()
    ) throws -> Double {
        let hp = passiveEntropy(of: density, quadrature: quadrature)
        let ep2 = passiveExpectation(of: density, quadrature: quadrature) { p, _, _ in p * p }.value
        let klP = -hp + 0.5 * log(2 * Double.pi) + 0.5 * ep2
        var missing = false
        let gap = passiveExpectation(of: density, quadrature: quadrature) { p, _, _ in
            guard let g = ConditionalKL.bound(of: density, at: p) else { missing = true; return 0 }
            return g
        }.value
        if missing { throw TheoryError.unavailable(what: "conditional entropy H[μ(a|p)] of \(density.name)") }
        return klP + gap
    }

    /// H[μ_P] = −∫ μ(p) log μ(p) dp by quadrature over `passiveRange`.
    public static func passiveEntropy<Q: KnownConditionalDensity>(
        of density: Q, quadrature: AdaptiveQuadrature = .init()
    ) -> Double {
        quadrature.integrate(over: density.passiveRange, breakpoints: density.passiveBreakpoints) { p in
            let w = density.passiveDensity(p)
            return w > 0 ? -w * log(w) : 0
        }.value
    }
}
