import Foundation

/// The uniform density on the square [−h, h]² (Example 6 uses h = 1).
///
/// Entropy log((2h)²) (= log 4 for h = 1). Given p, a is U(−h, h): m(p) = 0, σ(p) = h/√3.
public struct UniformSquare: KnownConditionalDensity {
    /// Half the side length h.
    public let halfWidth: Double

    /// Throws unless h is finite and positive.
    public init(halfWidth: Double = 1) throws {
        guard halfWidth.isFinite, halfWidth > 0 else {
            throw FlowCoreError.invalidArgument(name: "halfWidth", value: "\(halfWidth)", reason: "must be finite and > 0")
        }
        self.halfWidth = halfWidth
    }

    public var dimension: Int { 2 }
    public var name: String { "uniform square" }

    public func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        try validateSampleCount(count)
        var out = Matrix(rows: count, cols: 2)
        for i in 0..<(2 * count) { out.values[i] = rng.uniform(-halfWidth, halfWidth) }
        return out
    }

    public func logDensity(at x: [Double]) -> Double? {
        guard x.count == 2 else { return nil }
        return (abs(x[0]) <= halfWidth && abs(x[1]) <= halfWidth) ? -2 * log(2 * halfWidth) : -.infinity
    }

    public var entropy: Double? { 2 * log(2 * halfWidth) }
    public var passiveRange: ClosedRange<Double> { -halfWidth...halfWidth }
    public func passiveDensity(_ p: Double) -> Double { abs(p) <= halfWidth ? 1 / (2 * halfWidth) : 0 }
    public func conditionalMoments(_ p: Double) -> (mean: Double, std: Double) { (0, halfWidth / 3.0.squareRoot()) }
    public func conditionalEntropy(_ p: Double) -> Double? { log(2 * halfWidth) }
    public func conditionalLogDensity(_ a: Double, given p: Double) -> Double? {
        abs(a) <= halfWidth ? -log(2 * halfWidth) : -.infinity
    }
    public func conditionalSupport(_ p: Double) -> ClosedRange<Double>? { -halfWidth...halfWidth }
}
