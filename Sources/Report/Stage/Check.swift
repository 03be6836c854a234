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
    /// Whether `measured` lies in the accepted band (false when inconclusive).
    public internal(set) var pass: Bool
    /// Smallest accepted value (nil: unbounded below).
    public let lower: Double?
    /// Largest accepted value (nil: unbounded above).
    public let upper: Double?
    /// pass, fail, or inconclusive (the runs the check needs did not converge, or a margin lies
    /// within its seed noise). `pass` is true exactly when `status == .pass`.
    public internal(set) var status: CheckStatus
    /// Why the check is inconclusive (or any other note on the verdict); nil when there is none.
    public internal(set) var reason: String?
    /// A statement of the paper (`claim`) or one of the project's own consistency checks (`self-check`).
    public internal(set) var kind: CheckKind

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
        self.status = pass ? .pass : .fail
        self.reason = nil
        self.kind = .claim
    }

    /// The same check marked inconclusive with `reason` (its measured value and band are kept,
    /// so a reader still sees the number); `pass` becomes false.
    public func inconclusive(_ reason: String) -> Check {
        var copy = self
        copy.pass = false
        copy.status = .inconclusive
        copy.reason = reason
        return copy
    }

    /// The same check with a note on its verdict (the verdict itself is unchanged).
    public func noting(_ reason: String) -> Check {
        var copy = self
        copy.reason = reason
        return copy
    }

    /// The same check marked as one of the project's own consistency checks, not a claim of the paper.
    public var selfCheck: Check {
        var copy = self
        copy.kind = .selfCheck
        return copy
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

/// The verdict of a check: a third state next to pass and fail for checks that cannot be judged.
public enum CheckStatus: String, Codable, Sendable, Equatable, CaseIterable {
    case pass, fail, inconclusive
}

/// Whether a check tests a statement of the paper or the project's own consistency.
public enum CheckKind: String, Codable, Sendable, Equatable {
    case claim
    case selfCheck = "self-check"
}
