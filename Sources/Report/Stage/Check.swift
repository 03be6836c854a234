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
    /// `math`: a statement verified on exact objects (no training), where a point test at numerical
    /// precision is right because the null is exactly true. `empirical`: a claim about what training or
    /// estimation from samples achieves, decided by an interval over replicates against a margin.
    public internal(set) var claimClass: ClaimClass
    /// Whether the scoreboard scores this check (one primary check per claim); the others are
    /// diagnostics, shown with their stage but not counted.
    public internal(set) var primary: Bool
    /// The interval and margin of an empirical check (nil for a math check).
    public internal(set) var evidence: EmpiricalEvidence?

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
        self.claimClass = .math
        self.primary = false
        self.evidence = nil
    }

    /// An empirical check: the verdict follows from `evidence` by the one decision rule
    /// (`EmpiricalEvidence.decision`); `measured` is the point estimate, `lower`/`upper` the margin region.
    public static func empirical(id: String, claim: String, evidence: EmpiricalEvidence, expected: Double = 0) -> Check {
        let m = evidence.margin
        let distances = [m.low.map { expected - $0 }, m.high.map { $0 - expected }].compactMap { $0 }
        var check = Check(id: id, claim: claim, measured: evidence.interval.estimate, expected: expected,
                          lower: m.low, upper: m.high, tolerance: distances.map(abs).max() ?? .infinity)
        let decision = evidence.decision
        check.claimClass = .empirical
        check.evidence = evidence
        check.status = decision.status
        check.pass = decision.status == .pass
        check.reason = decision.reason
        return check
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

    /// The same check with a note on its verdict (the verdict itself is unchanged), after the reason
    /// it already has (an empirical check's decision says why it did not pass).
    public func noting(_ reason: String) -> Check {
        var copy = self
        copy.reason = self.reason.map { "\($0); \(reason)" } ?? reason
        return copy
    }

    /// The same check marked as one of the project's own consistency checks, not a claim of the paper.
    public var selfCheck: Check {
        var copy = self
        copy.kind = .selfCheck
        copy.primary = false
        return copy
    }

    /// The same check marked as its claim's primary check (the one the scoreboard scores).
    public var asPrimary: Check {
        var copy = self
        copy.primary = true
        return copy
    }

    /// The same check with its class set (tolerance checks default to `math`).
    public func classified(_ claimClass: ClaimClass) -> Check {
        var copy = self
        copy.claimClass = claimClass
        return copy
    }

    /// The tightest margin at which an empirical check would still pass (nil for math checks).
    public var passingMargin: Double? { evidence?.passingMargin }

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

/// How a claim is checked: verified on exact objects (`math`) or judged on replicates against a margin (`empirical`).
public enum ClaimClass: String, Codable, Sendable, Equatable, CaseIterable {
    case math, empirical
}

/// Whether a check tests a statement of the paper or the project's own consistency.
public enum CheckKind: String, Codable, Sendable, Equatable {
    case claim
    case selfCheck = "self-check"
}
