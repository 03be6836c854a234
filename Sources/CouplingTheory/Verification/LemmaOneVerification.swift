import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Lemma 1 (Eq. 9–11) checked on an exact object: the conditional law of a density, at a grid of p.
///
/// With E[a|p] and E[a²|p] by quadrature of the conditional density (`ConditionalQuadrature`), and
/// Lemma 1's e^{s*} = 1/σ(p), t* = −m(p)/σ(p) from the moments the density states, each residual
/// below is 0 exactly if the lemma holds, so a numerical value is a test of it at quadrature precision:
/// - the objective J(s, t) = E[½(a e^s + t)² − s | p] (Eq. 30) is stationary at (s*, t*):
///   ∂J/∂t = e^s E[a] + t and ∂J/∂s = e^{2s} E[a²] + t e^s E[a] − 1 vanish;
/// - its Hessian there has determinant 2 > 0 (with ∂²J/∂t² = 1 > 0: a strict, hence unique, minimum
///   of a function convex in (e^s, t));
/// - J(s*, t*) is no larger than J at the eight neighbours (s* ± h, t* ± h) — by direct quadrature of
///   the objective, not by the algebra above;
/// - the push-forward a′ = (a − m)/σ has E[a′|p] = 0 and E[a′²|p] = 1 (Eq. 11);
/// - and the quadrature itself integrates the conditional density to 1 and reproduces m and σ.
public struct LemmaOneVerification: Sendable, Equatable {
    /// The largest of each residual over the p grid.
    public var normalization = 0.0, meanMismatch = 0.0, varianceMismatch = 0.0
    public var gradientS = 0.0, gradientT = 0.0, hessianDeterminant = 0.0
    public var neighbourBelowOptimum = 0.0
    public var pushForwardMean = 0.0, pushForwardVariance = 0.0
    public var points = 0

    /// The largest residual of all.
    public var worst: Double {
        [normalization, meanMismatch, varianceMismatch, gradientS, gradientT, hessianDeterminant,
         neighbourBelowOptimum, pushForwardMean, pushForwardVariance].max()!
    }

    /// Checks the lemma at `points` values of p across the density's passive range.
    public static func verify<Q: KnownConditionalDensity>(
        _ density: Q, points: Int = 41, step h: Double = 1e-3, quadrature: AdaptiveQuadrature = .init()
    ) throws -> LemmaOneVerification {
        var r = LemmaOneVerification()
        for p in ConditionalQuadrature.passiveGrid(density, count: points) {
            let (m, sigma) = density.conditionalMoments(p)
            let e = { (f: (Double) -> Double) throws -> Double in
                try ConditionalQuadrature.expectation(of: density, at: p, quadrature: quadrature, f)
            }
            let mass = try e { _ in 1 }, ea = try e { $0 }, ea2 = try e { $0 * $0 }
            let s = -log(sigma), t = -m / sigma, es = exp(s)
            let objective = { (s: Double, t: Double) throws -> Double in
                try e { a in let y = a * exp(s) + t; return 0.5 * y * y } - s
            }
            let optimum = try objective(s, t)
            var lowestNeighbour = Double.infinity
            for ds in [-h, 0, h] { for dt in [-h, 0, h] where ds != 0 || dt != 0 {
                lowestNeighbour = min(lowestNeighbour, try objective(s + ds, t + dt))
            } }
            let hss = 2 * es * es * ea2 + t * es * ea, hst = es * ea, htt = 1.0
            let pushMean = try e { ($0 - m) / sigma }, pushSecond = try e { ($0 - m) * ($0 - m) / (sigma * sigma) }
            r.normalization = max(r.normalization, abs(mass - 1))
            r.meanMismatch = max(r.meanMismatch, abs(ea - m))
            r.varianceMismatch = max(r.varianceMismatch, abs(ea2 - ea * ea - sigma * sigma))
            r.gradientT = max(r.gradientT, abs(es * ea + t))
            r.gradientS = max(r.gradientS, abs(es * es * ea2 + t * es * ea - 1))
            r.hessianDeterminant = max(r.hessianDeterminant, abs(hss * htt - hst * hst - 2))
            r.neighbourBelowOptimum = max(r.neighbourBelowOptimum, optimum - lowestNeighbour)
            r.pushForwardMean = max(r.pushForwardMean, abs(pushMean))
            r.pushForwardVariance = max(r.pushForwardVariance, abs(pushSecond - 1))
            r.points += 1
        }
        return r
    }
}
