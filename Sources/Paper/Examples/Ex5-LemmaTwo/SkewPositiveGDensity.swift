import FlowCore
import Foundation

/// Lemma 2 with g > 0: the W density's moments with a skewed noise whose shape does NOT depend on p.
///
/// p ~ U[−2, 2], a = m(p) + σ(p)·n with n = E − 1, E ~ Exp(1) drawn independently of p, and m, σ of
/// Eq. 13. This is a = f(p) + g(p)·n with n ⊥ p and g = σ > 0, so the optimal layer's output
/// a' = (a − m(p))/σ(p) = n is independent of p although it is far from normal (skewness +2).
/// The partner of `SkewFlipDensity`, which uses the same n but g = sign(p)·σ(p).
public struct SkewPositiveGDensity: KnownConditionalDensity {
    public init() {}

    public var dimension: Int { 2 }
    public var name: String { "skewed W, g > 0" }

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
            out.values[2 * i + 1] = SkewFlipDensity.mean(p) + SkewFlipDensity.std(p) * (e - 1)
        }
        return out
    }

    public var passiveRange: ClosedRange<Double> { -2...2 }
    public func passiveDensity(_ p: Double) -> Double { abs(p) <= 2 ? 0.25 : 0 }
    public func conditionalMoments(_ p: Double) -> (mean: Double, std: Double) { (SkewFlipDensity.mean(p), SkewFlipDensity.std(p)) }
    /// H[a | p] = log σ(p) + H[Exp(1)] = log σ(p) + 1.
    public func conditionalEntropy(_ p: Double) -> Double? { log(SkewFlipDensity.std(p)) + 1 }
}
