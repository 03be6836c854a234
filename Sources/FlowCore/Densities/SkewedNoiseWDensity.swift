import Foundation

/// Lemma 2's paired cases: the W density's moments with a skewed noise, g > 0 or g changing sign.
///
/// p ~ U[−2, 2], a = m(p) + g(p)·n′ with n′ = E − 1, E ~ Exp(1) drawn independently of p, m and σ of
/// Eq. 13 (m(p) = ½ cos πp, σ(p) = (3 − cos(8π/3·p))/8), and g = σ (`gChangesSign` false) or
/// g = sign(p)·σ (true). Either way n′ ⊥ p and the conditional moments are exactly W's, so Lemma 2's
/// condition as printed holds. With g > 0 the optimal affine layer maps a to a' = n′, independent of p
/// although far from normal (skewness +2). With the sign-changing g it maps a to a' = sign(p)·n′, whose
/// skewness flips with p: the lemma needs g > 0 (its proof uses σ_{a|p} = g·σ_n).
public struct SkewedNoiseWDensity: KnownConditionalDensity {
    public let gChangesSign: Bool

    public init(gChangesSign: Bool) { self.gChangesSign = gChangesSign }

    public var dimension: Int { 2 }
    public var name: String { gChangesSign ? "skew-flip W" : "skewed W, g > 0" }

    /// m(p) = ½ cos(π p) (Eq. 13).
    public static func mean(_ p: Double) -> Double { WShape.mean(p) }
    /// σ(p) = (3 − cos(8π/3 · p)) / 8 (Eq. 13).
    public static func std(_ p: Double) -> Double { WShape.std(p) }
    /// The sign of g(p): −1 for p < 0 when g changes sign, else +1.
    func gSign(_ p: Double) -> Double { gChangesSign && p < 0 ? -1 : 1 }
    /// The standardised noise a' of the optimal layer for an Exp(1) draw E: E − 1, times sign(p) when g changes sign.
    public func noise(exponential e: Double, passive p: Double) -> Double { gSign(p) * (e - 1) }

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
            out.values[2 * i + 1] = Self.mean(p) + Self.std(p) * noise(exponential: e, passive: p)
        }
        return out
    }

    public var passiveRange: ClosedRange<Double> { -2...2 }
    public func passiveDensity(_ p: Double) -> Double { abs(p) <= 2 ? 0.25 : 0 }
    public func conditionalMoments(_ p: Double) -> (mean: Double, std: Double) { (Self.mean(p), Self.std(p)) }
    /// H[a | p] = log σ(p) + H[Exp(1)] = log σ(p) + 1.
    public func conditionalEntropy(_ p: Double) -> Double? { log(Self.std(p)) + 1 }

    /// a = m + g·(E − 1) with E ~ Exp(1): E = sign(g)·(a − m)/σ + 1 ≥ 0 has density e^{−E}, so
    /// log μ(a|p) = −E − log σ on the half-line E ≥ 0, −∞ off it.
    public func conditionalLogDensity(_ a: Double, given p: Double) -> Double? {
        let sigma = Self.std(p)
        let e = gSign(p) * (a - Self.mean(p)) / sigma + 1
        return e >= 0 ? -e - log(sigma) : -.infinity
    }

    /// The half-line E ≥ 0, cut where E = 60 (the mass beyond, e^{−60}, is below 1e-26).
    public func conditionalSupport(_ p: Double) -> ClosedRange<Double>? {
        let m = Self.mean(p), sigma = Self.std(p)
        return gSign(p) > 0 ? (m - sigma)...(m + 59 * sigma) : (m - 59 * sigma)...(m + sigma)
    }

    /// log μ(p, a) = log ¼ + log μ(a|p) on the passive support.
    public func logDensity(at x: [Double]) -> Double? {
        guard x.count == 2 else { return nil }
        guard abs(x[0]) <= WShape.halfWidth else { return -.infinity }
        return log(WShape.passiveDensity(x[0])) + conditionalLogDensity(x[1], given: x[0])!
    }

    /// H[μ] = log 4 + E_p[log σ(p)] + 1.
    public var entropy: Double? { log(4) + WShape.meanLogStd + 1 }
}
