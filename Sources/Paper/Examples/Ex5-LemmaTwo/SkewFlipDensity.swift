import FlowCore
import Foundation

/// Lemma 2 with a sign-changing g: the W density's moments with a noise whose SHAPE depends on p.
///
/// p ~ U[−2, 2], a = m(p) + σ(p)·n with n = sign(p)·(E − 1), E ~ Exp(1), and m, σ of Eq. 13
/// (m(p) = ½ cos πp, σ(p) = (3 − cos(8π/3·p))/8). n has mean 0 and variance 1 for every p, so the
/// conditional moments are exactly those of the W density, but its skewness is +2 for p > 0 and −2
/// for p < 0. Lemma 2's condition as printed (a = f(p) + g(p)·n′ with n′ ⊥ p) HOLDS with n′ = E − 1
/// and g(p) = sign(p)·σ(p); yet the optimal affine layer maps a to a' = sign(p)·n′, which depends on p.
/// So the lemma needs g > 0 (its proof uses σ_{a|p} = g·σ_n), which `SkewPositiveGDensity` satisfies.
public struct SkewFlipDensity: KnownConditionalDensity {
    public init() {}

    public var dimension: Int { 2 }
    public var name: String { "skew-flip W" }

    /// m(p) = ½ cos(π p) (Eq. 13).
    public static func mean(_ p: Double) -> Double { 0.5 * cos(Double.pi * p) }
    /// σ(p) = (3 − cos(8π/3 · p)) / 8 (Eq. 13).
    public static func std(_ p: Double) -> Double { (3 - cos(8 * Double.pi / 3 * p)) / 8 }
    /// The standardised noise n = sign(p)(E − 1) for an Exp(1) draw E.
    public static func noise(exponential e: Double, passive p: Double) -> Double { (p < 0 ? -1 : 1) * (e - 1) }

    public func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        guard count >= 0 else {
            throw FlowCoreError.invalidArgument(name: "count", value: "\(count)", reason: "must be ≥ 0")
        }
        var out = Matrix(rows: count, cols: 2)
        for i in 0..<count {
            let p = rng.uniform(-2, 2)
            // Inverse CDF of Exp(1); 1 − U lies in (0, 1], so the log is finite.
            let e = -log(1 - rng.uniform())
            out.values[2 * i] = p
            out.values[2 * i + 1] = Self.mean(p) + Self.std(p) * Self.noise(exponential: e, passive: p)
        }
        return out
    }

    public var passiveRange: ClosedRange<Double> { -2...2 }
    public func passiveDensity(_ p: Double) -> Double { abs(p) <= 2 ? 0.25 : 0 }
    public func conditionalMoments(_ p: Double) -> (mean: Double, std: Double) { (Self.mean(p), Self.std(p)) }
    /// H[a | p] = log σ(p) + H[Exp(1)] = log σ(p) + 1.
    public func conditionalEntropy(_ p: Double) -> Double? { log(Self.std(p)) + 1 }
}
