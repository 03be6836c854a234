import Foundation

/// The "W" density of Example 1: p ~ U[−2, 2] and a | p ~ N(m(p), σ(p)), Eq. (13).
///
/// m(p) = ½ cos(π p), σ(p) = (3 − cos(8π/3 · p)) / 8. Coordinates are `[p, a]`.
/// The conditional is Gaussian, so a single affine coupling can reach zero conditional KL (Corollary 1).
public struct WDensity: KnownConditionalDensity, InPlaceSampledDensity {
    public init() {}

    public var dimension: Int { 2 }
    public var name: String { "W" }

    /// In place: the trainer's per-step batch (no allocation once `out` has the shape). Drawn in Float
    /// batches (`WBatchSampler`): p on a 2⁻²² grid, a through Box–Muller.
    public func sample(count: Int, into out: inout Matrix, using rng: inout SeededGenerator) throws {
        try validateSampleCount(count)
        out.reshape(rows: count, cols: 2)
        out.values.withUnsafeMutableBufferPointer { v in WBatchSampler.fill(v, count: count, using: &rng) }
    }

    /// log μ(p, a) = log ¼ + log N(a; m(p), σ(p)); −∞ outside |p| ≤ 2.
    public func logDensity(at x: [Double]) -> Double? {
        guard x.count == 2 else { return nil }
        guard abs(x[0]) <= WShape.halfWidth else { return -.infinity }
        return log(WShape.passiveDensity(x[0])) + conditionalLogDensity(x[1], given: x[0])!
    }

    /// H[μ] = log 4 + E_p[½ log(2πe σ(p)²)].
    public var entropy: Double? { log(4) + 0.5 * log(2 * Double.pi * M_E) + WShape.meanLogStd }

    public var passiveRange: ClosedRange<Double> { -WShape.halfWidth...WShape.halfWidth }
    public func passiveDensity(_ p: Double) -> Double { WShape.passiveDensity(p) }
    public func conditionalMoments(_ p: Double) -> (mean: Double, std: Double) { (WShape.mean(p), WShape.std(p)) }

    /// H[N(m, σ)] = ½ log(2πe σ²).
    public func conditionalEntropy(_ p: Double) -> Double? { 0.5 * log(2 * Double.pi * M_E) + log(WShape.std(p)) }

    public func conditionalLogDensity(_ a: Double, given p: Double) -> Double? {
        let s = WShape.std(p), z = (a - WShape.mean(p)) / s
        return -0.5 * z * z - log(s) - 0.5 * log(2 * Double.pi)
    }
}

/// Throws unless `count` ≥ 0.
func validateSampleCount(_ count: Int) throws {
    guard count >= 0 else {
        throw FlowCoreError.invalidArgument(name: "count", value: "\(count)", reason: "must be ≥ 0")
    }
}
