/// A probability density on ℝ^D that can be sampled with an injected generator.
///
/// Densities with a known log-density return it from `logDensity(at:)`; those without
/// (e.g. toys defined only by their generating process) return `nil`.
public protocol Density: Sendable {
    /// The dimension D of the space.
    var dimension: Int { get }
    /// A short human-readable name ("W", "two moons", …).
    var name: String { get }
    /// `count` i.i.d. samples as an N×D matrix.
    func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix
    /// The same samples written into `out` (reshaped if needed), reusing its storage where the density
    /// implements it; the default allocates through `sample(count:using:)`.
    func sample(count: Int, into out: inout Matrix, using rng: inout SeededGenerator) throws
    /// log μ(x) where known exactly, else `nil`.
    func logDensity(at x: [Double]) -> Double?
    /// The differential entropy H[μ] in nats where known exactly (closed form), else `nil`.
    var entropy: Double? { get }
}

extension Density {
    public func sample(count: Int, into out: inout Matrix, using rng: inout SeededGenerator) throws {
        out = try sample(count: count, using: &rng)
    }
    public func logDensity(at x: [Double]) -> Double? { nil }
    public var entropy: Double? { nil }
}

/// A 2D density whose passive marginal μ(p) and active conditional moments m(p), σ(p) are known
/// exactly, with the convention `[p, a] = x` (coordinate 0 passive, coordinate 1 active).
///
/// This is what Lemma 1 and Theorem 1 (Eq. 20) need: Δ = ½ E_p[m(p)² + σ(p)² − 1 − log σ(p)²].
public protocol KnownConditionalDensity: Density {
    /// An interval containing (essentially) all of μ(p)'s mass, for quadrature: the exact support
    /// when bounded, otherwise wide enough that the neglected tail mass is below 1e-12.
    var passiveRange: ClosedRange<Double> { get }
    /// Points in `passiveRange` where μ(p), m(p) or σ(p) is not smooth (kinks or jumps);
    /// quadrature splits its intervals there. Empty when all three are smooth.
    var passiveBreakpoints: [Double] { get }
    /// The passive marginal density μ(p).
    func passiveDensity(_ p: Double) -> Double
    /// The conditional mean m(p) and standard deviation σ(p) of the active coordinate given p.
    func conditionalMoments(_ p: Double) -> (mean: Double, std: Double)
    /// The conditional entropy H[μ(a|p)] in nats where known exactly, else `nil`.
    func conditionalEntropy(_ p: Double) -> Double?
    /// The conditional log-density log μ(a|p) where known exactly, else `nil`.
    func conditionalLogDensity(_ a: Double, given p: Double) -> Double?
    /// Where μ(a|p) is positive, when that is an interval rather than the whole line (nil): quadrature
    /// over a must start and end at its edges, where the density jumps.
    func conditionalSupport(_ p: Double) -> ClosedRange<Double>?
}

extension KnownConditionalDensity {
    public var passiveBreakpoints: [Double] { [] }
    public func conditionalEntropy(_ p: Double) -> Double? { nil }
    public func conditionalLogDensity(_ a: Double, given p: Double) -> Double? { nil }
    public func conditionalSupport(_ p: Double) -> ClosedRange<Double>? { nil }
}

/// A density that draws straight into a caller's matrix (the trainer's per-step batch, without
/// allocating); its allocating `sample(count:using:)` follows from that. A conforming type must
/// implement `sample(count:into:using:)`: the two defaults would otherwise call each other.
public protocol InPlaceSampledDensity: Density {}

extension InPlaceSampledDensity {
    public func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        var out = Matrix(rows: 0, cols: dimension)
        try sample(count: count, into: &out, using: &rng)
        return out
    }
}
