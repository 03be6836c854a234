import Foundation

/// The "WU" density of Example 2: p ~ U[−2, 2] and a | p uniform with the W density's moments.
///
/// a | p ~ U(m(p) − √3 σ(p), m(p) + √3 σ(p)), so E[a|p] = m(p) and Std[a|p] = σ(p) as in Eq. (13).
/// The best single coupling leaves a conditional KL equal to the negentropy of a unit uniform,
/// ½ log(2πe) − log(2√3) ≈ 0.1765 nats (Example 3).
public struct WUDensity: KnownConditionalDensity {
    public init() {}

    public var dimension: Int { 2 }
    public var name: String { "WU" }

    public func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        try validateSampleCount(count)
        var out = Matrix(rows: count, cols: 2)
        let r3 = 3.0.squareRoot()
        for i in 0..<count {
            let p = rng.uniform(-WShape.halfWidth, WShape.halfWidth)
            out.values[2 * i] = p
            out.values[2 * i + 1] = WShape.mean(p) + r3 * WShape.std(p) * rng.uniform(-1, 1)
        }
        return out
    }

    /// log μ(p, a) = log ¼ − log(2√3 σ(p)) inside the support, −∞ outside.
    public func logDensity(at x: [Double]) -> Double? {
        guard x.count == 2 else { return nil }
        guard abs(x[0]) <= WShape.halfWidth else { return -.infinity }
        return log(WShape.passiveDensity(x[0])) + conditionalLogDensity(x[1], given: x[0])!
    }

    /// H[μ] = log 4 + E_p[log(2√3 σ(p))].
    public var entropy: Double? { log(4) + log(2 * 3.0.squareRoot()) + WShape.meanLogStd }

    public var passiveRange: ClosedRange<Double> { -WShape.halfWidth...WShape.halfWidth }
    public func passiveDensity(_ p: Double) -> Double { WShape.passiveDensity(p) }
    public func conditionalMoments(_ p: Double) -> (mean: Double, std: Double) { (WShape.mean(p), WShape.std(p)) }

    /// H[U(width w)] = log w with w = 2√3 σ(p).
    public func conditionalEntropy(_ p: Double) -> Double? { log(2 * 3.0.squareRoot() * WShape.std(p)) }

    /// [m − √3σ, m + √3σ].
    public func conditionalSupport(_ p: Double) -> ClosedRange<Double>? {
        let half = 3.0.squareRoot() * WShape.std(p)
        return (WShape.mean(p) - half)...(WShape.mean(p) + half)
    }

    public func conditionalLogDensity(_ a: Double, given p: Double) -> Double? {
        let half = 3.0.squareRoot() * WShape.std(p)
        return abs(a - WShape.mean(p)) <= half ? -log(2 * half) : -.infinity
    }
}
