import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Expectations over the conditional law μ(a|p), by adaptive quadrature of its density
/// (`conditionalLogDensity`) rather than from the moments the density states: the exact checks of
/// Lemma 1, Theorem 1, Corollary 1 and Lemma 2 compare the two, so each verifies the other.
///
/// The integral runs over the conditional support where the density declares one (uniform and
/// exponential conditionals jump at its edges) and over m ± 12σ otherwise (the Gaussian tail beyond
/// is below 1e-32; for the mixtures used here each component lies well inside).
public enum ConditionalQuadrature {
    /// The interval integrated over at p.
    public static func window<Q: KnownConditionalDensity>(_ density: Q, at p: Double) -> ClosedRange<Double> {
        if let support = density.conditionalSupport(p) { return support }
        let (m, s) = density.conditionalMoments(p)
        return (m - 12 * s)...(m + 12 * s)
    }

    /// E[f(a) | p]. Throws when the density states no conditional log-density.
    public static func expectation<Q: KnownConditionalDensity>(
        of density: Q, at p: Double, quadrature: AdaptiveQuadrature = .init(), _ f: (Double) -> Double
    ) throws -> Double {
        try integral(of: density, at: p, over: window(density, at: p), quadrature: quadrature, f)
    }

    /// P(a ≤ x | p).
    public static func cdf<Q: KnownConditionalDensity>(
        of density: Q, at p: Double, upTo x: Double, quadrature: AdaptiveQuadrature = .init()
    ) throws -> Double {
        let w = window(density, at: p)
        if x <= w.lowerBound { return 0 }
        if x >= w.upperBound { return try integral(of: density, at: p, over: w, quadrature: quadrature) { _ in 1 } }
        return try integral(of: density, at: p, over: w.lowerBound...x, quadrature: quadrature) { _ in 1 }
    }

    static func integral<Q: KnownConditionalDensity>(
        of density: Q, at p: Double, over range: ClosedRange<Double>, quadrature: AdaptiveQuadrature,
        _ f: (Double) -> Double
    ) throws -> Double {
        let (m, _) = density.conditionalMoments(p)
        guard density.conditionalLogDensity(m, given: p) != nil else {
            throw TheoryError.unavailable(what: "conditional density μ(a|p) of \(density.name)")
        }
        return quadrature.integrate(over: range) { a in
            guard let l = density.conditionalLogDensity(a, given: p), l.isFinite else { return 0 }
            return exp(l) * f(a)
        }.value
    }

    /// `count` points evenly inside the passive range, away from its ends by half a spacing (where a
    /// bounded support's density jumps).
    public static func passiveGrid<Q: KnownConditionalDensity>(_ density: Q, count: Int) -> [Double] {
        let r = density.passiveRange, h = (r.upperBound - r.lowerBound) / Double(count)
        return (0..<count).map { r.lowerBound + (Double($0) + 0.5) * h }
    }
}
