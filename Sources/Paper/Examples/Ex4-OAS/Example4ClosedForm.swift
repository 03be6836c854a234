import CouplingTheory
import Foundation

/// Example 4's mixture (Eq. 24) rotated by θ, written out in closed form for an independent
/// evaluation of Theorem 1 (Eq. 20) — no FlowCore/CouplingTheory code is used here.
///
/// μ = ½ N([−δ, 0], σ²I) + ½ N([δ, 0], σ²I), σ = √(1 − δ²). The rotation [p, a] = Q(θ) x maps the
/// means to ±δ (cos θ, sin θ) and leaves the isotropic covariance σ²I unchanged, so within each
/// component p and a are independent. With c = cos θ, s = sin θ and the posterior difference
/// w₊(p) − w₋(p) = tanh(δ c p / σ²):
///
/// μ(p) = ½ [N(p; δc, σ²) + N(p; −δc, σ²)],
/// m(p) = δ s · tanh(δ c p / σ²),
/// σ²(p) = σ² + δ² s² · (1 − tanh²(δ c p / σ²))   (law of total variance).
public struct Example4ClosedForm: Sendable, Equatable {
    /// Half the distance between the component means (δ = 0.95 in the paper).
    public let delta: Double
    /// The rotation angle θ in degrees.
    public let thetaDegrees: Double

    public init(delta: Double = 0.95, thetaDegrees: Double) {
        self.delta = delta
        self.thetaDegrees = thetaDegrees
    }

    /// σ² = 1 − δ², the per-component variance.
    public var componentVariance: Double { 1 - delta * delta }
    var cosine: Double { cos(thetaDegrees * Double.pi / 180) }
    var sine: Double { sin(thetaDegrees * Double.pi / 180) }

    /// μ(p), the passive marginal.
    public func passiveDensity(_ p: Double) -> Double {
        let v = componentVariance, shift = delta * cosine
        let norm = 1 / (2 * (2 * Double.pi * v).squareRoot())
        return norm * (exp(-(p - shift) * (p - shift) / (2 * v)) + exp(-(p + shift) * (p + shift) / (2 * v)))
    }

    /// m(p) and σ²(p) of a | p.
    public func conditionalMeanAndVariance(_ p: Double) -> (mean: Double, variance: Double) {
        let v = componentVariance
        let r = tanh(delta * cosine * p / v)
        let spread = delta * sine
        return (spread * r, v + spread * spread * (1 - r * r))
    }

    /// Δ(θ) = ½ ∫ μ(p) [m² + σ² − 1 − log σ²] dp by composite Gauss–Legendre quadrature over
    /// ±(δ|c| + 12σ) (the neglected tail mass is below 1e-30).
    public func delta(rule: GaussLegendreRule = GaussLegendreRule(order: 20), panels: Int = 64) -> Double {
        let halfWidth = delta * abs(cosine) + 12 * componentVariance.squareRoot()
        return rule.integrate(from: -halfWidth, to: halfWidth, panels: panels) { p in
            let (m, v) = conditionalMeanAndVariance(p)
            return passiveDensity(p) * TheoremOne.deltaIntegrand(mean: m, variance: v)
        }
    }

    /// Δ(0) = ½ (σ² − 1 − log σ²): at θ = 0 the active coordinate is N(0, σ²) for every p.
    public static func deltaAtZero(delta: Double = 0.95) -> Double {
        TheoremOne.deltaIntegrand(mean: 0, variance: 1 - delta * delta)
    }
}
