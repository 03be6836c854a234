/// A numeric check of a claim of the paper: measured against expected within a tolerance.
///
/// `pass` is always computed by a constructor from the bounds, never given by the caller:
/// `pass ⇔ lower ≤ measured ≤ upper` (a missing bound is unbounded), and a NaN measurement
/// always fails. `tolerance` is the results.json summary of the band: the tolerance the caller
/// gave, or for an asymmetric interval the larger distance from `expected` to a bound.
///
/// ```swift
/// Check.within(id: "ex4.argmax", claim: "OAS finds the argmax", measured: 44.0, expected: 45.0, tolerance: 2.0)
/// Check.interval(id: "ex1.loss_gap", claim: "trained loss ≥ bound", measured: gap, expected: 0,
///                below: 3 * se, above: 0.03)       // passes iff −3·SE ≤ gap − 0 ≤ 0.03
/// Check.atMost(id: "lemma1.mean_rmse", claim: "Lemma 1 read-out", measured: rmse, tolerance: 0.05)
/// ```
public struct Check: Codable, Sendable, Equatable {
    /// Dotted identifier, e.g. `lemma1.mean_rmse`.
    public let id: String
    /// The claim in words, as it appears in the report.
    public let claim: String
    /// The measured value.
    public let measured: Double
    /// The value the paper predicts.
    public let expected: Double
    /// Half-width summary of the accepted band around `expected`.
    public let tolerance: Double
    /// Whether `measured` lies in the accepted band.
    public let pass: Bool
    /// Smallest accepted value (nil: unbounded below).
    public let lower: Double?
    /// Largest accepted value (nil: unbounded above).
    public let upper: Double?

    /// Creates a check that passes iff `lower ≤ measured ≤ upper` (nil bounds are open).
    public init(id: String, claim: String, measured: Double, expected: Double,
                lower: Double?, upper: Double?) {
        let distances = [lower.map { expected - $0 }, upper.map { $0 - expected }].compactMap { $0 }
        self.init(id: id, claim: claim, measured: measured, expected: expected,
                  lower: lower, upper: upper, tolerance: distances.max() ?? .infinity)
    }

    /// The designated initialiser: `tolerance` is the caller's own number (not recomputed from
    /// the bounds, which would add rounding error); `pass` is derived from the bounds.
    init(id: String, claim: String, measured: Double, expected: Double,
         lower: Double?, upper: Double?, tolerance: Double) {
        self.id = id
        self.claim = claim
        self.measured = measured
        self.expected = expected
        self.lower = lower
        self.upper = upper
        self.tolerance = tolerance
        let aboveLower = lower.map { measured >= $0 } ?? true
        let belowUpper = upper.map { measured <= $0 } ?? true
        self.pass = !measured.isNaN && aboveLower && belowUpper
    }

    /// Passes iff `|measured − expected| ≤ tolerance`.
    public static func within(id: String, claim: String, measured: Double, expected: Double,
                              tolerance: Double) -> Check {
        Check(id: id, claim: claim, measured: measured, expected: expected,
              lower: expected - tolerance, upper: expected + tolerance, tolerance: tolerance)
    }

    /// Passes iff `expected − below ≤ measured ≤ expected + above` (nil: that side is open),
    /// e.g. "gap within [−3·SE, 0.03]".
    public static func interval(id: String, claim: String, measured: Double, expected: Double,
                                below: Double?, above: Double?) -> Check {
        Check(id: id, claim: claim, measured: measured, expected: expected,
              lower: below.map { expected - $0 }, upper: above.map { expected + $0 },
              tolerance: [below, above].compactMap { $0 }.max() ?? .infinity)
    }

    /// Passes iff `measured ≤ expected + tolerance` (an error or gap that must be small).
    public static func atMost(id: String, claim: String, measured: Double, tolerance: Double,
                              expected: Double = 0) -> Check {
        Check(id: id, claim: claim, measured: measured, expected: expected,
              lower: nil, upper: expected + tolerance, tolerance: tolerance)
    }

    /// Passes iff `measured ≥ expected − tolerance` (a quantity that must not fall short).
    public static func atLeast(id: String, claim: String, measured: Double, expected: Double,
                               tolerance: Double = 0) -> Check {
        Check(id: id, claim: claim, measured: measured, expected: expected,
              lower: expected - tolerance, upper: nil, tolerance: tolerance)
    }

    /// A yes/no claim recorded as measured 1 (true) or 0 (false), expected 1, tolerance 0.
    public static func holds(id: String, claim: String, _ condition: Bool) -> Check {
        Check(id: id, claim: claim, measured: condition ? 1 : 0, expected: 1, lower: 1, upper: 1, tolerance: 0)
    }
}
