/// The region an empirical claim's estimand must lie in for the claim to hold, fixed before the run
/// (the claim table, `docs/claims.md`) and the same in every profile.
///
/// `low`/`high` bound the region (nil: open on that side). `floor` is a bound the mathematics
/// guarantees rather than a margin — e.g. a trained loss can never truly lie below the Theorem 1
/// minimum: an interval entirely below it fails (a bug, not noise), but an interval that reaches
/// below it only says the estimate is within noise of the bound.
public struct ClaimMargin: Codable, Sendable, Equatable, Hashable {
    public var low: Double?
    public var high: Double?
    public var floor: Double?

    public init(low: Double? = nil, high: Double? = nil, floor: Double? = nil) {
        self.low = low; self.high = high; self.floor = floor
    }

    /// Estimand ≤ `high` (an error, a gap, a regret), never truly below `floor`.
    public static func atMost(_ high: Double, floor: Double? = nil) -> ClaimMargin { ClaimMargin(high: high, floor: floor) }
    /// Estimand ≥ `low`: "A beats B by at least the smallest effect of interest".
    public static func atLeast(_ low: Double) -> ClaimMargin { ClaimMargin(low: low) }
    /// |estimand| ≤ `zone`: an equivalence zone ("on par").
    public static func within(_ zone: Double) -> ClaimMargin { ClaimMargin(low: -zone, high: zone) }

    /// "≤ 0.032 (floor 0)", "≥ 0.05", "[−0.05, 0.05]".
    public var text: String {
        var s: String
        switch (low, high) {
        case let (l?, h?): s = "[\(MarginNumber.text(l)), \(MarginNumber.text(h))]"
        case let (nil, h?): s = "≤ \(MarginNumber.text(h))"
        case let (l?, nil): s = "≥ \(MarginNumber.text(l))"
        case (nil, nil): s = "any"
        }
        if let f = floor { s += " (floor \(MarginNumber.text(f)))" }
        return s
    }
}

/// Margins print with up to 4 significant digits and a typographic minus.
enum MarginNumber {
    static func text(_ x: Double) -> String {
        var t = String(format: "%.4g", x)
        if t.contains("e") { t = String(format: "%.3g", x) }
        return t.replacingOccurrences(of: "-", with: "−")
    }
}
