import Foundation

/// One row of the claim table: a claim check, how it is decided, and why its margin is what it is.
/// The table is fixed before a run (its SHA-256 is printed in the report) and is the same in every
/// profile: profiles change compute, never margins.
public struct ClaimSpec: Sendable, Equatable {
    /// The check id, or an id pattern with `<toy>`/`<case>` where the check exists per case.
    public var id: String
    /// The statement of the paper it decides (the scoreboard row's name).
    public var statement: String
    public var claimClass: ClaimClass
    /// Primary (scored) or a diagnostic / sensitivity row.
    public var primary: Bool
    /// What is measured, in words.
    public var estimand: String
    /// The replication unit (empirical) or the exact object (math).
    public var unit: String
    /// Empirical: the margin region. Math: nil (see `tolerance`).
    public var margin: ClaimMargin?
    /// Math: the numerical precision a residual must be within. Empirical: nil.
    public var tolerance: Double?
    /// Why the margin (or tolerance) is what it is.
    public var reason: String

    public init(id: String, statement: String, claimClass: ClaimClass, primary: Bool, estimand: String, unit: String,
                margin: ClaimMargin? = nil, tolerance: Double? = nil, reason: String) {
        self.id = id; self.statement = statement; self.claimClass = claimClass; self.primary = primary
        self.estimand = estimand; self.unit = unit; self.margin = margin; self.tolerance = tolerance; self.reason = reason
    }

    /// The region (empirical) or the tolerance (math) as text.
    public var decisionText: String {
        if let m = margin { return m.text }
        if let t = tolerance { return "residual ≤ \(MarginNumber.text(t))" }
        return "—"
    }
}

/// The claim table as a whole: its Markdown rendering (`docs/claims.md`) and its digest.
public struct ClaimTable: Sendable {
    public var rows: [ClaimSpec]
    /// Each tail of the (1 − 2α) intervals.
    public var alpha: Double

    public init(rows: [ClaimSpec], alpha: Double) {
        self.rows = rows
        self.alpha = alpha
    }

    /// The row for a check id (exact, or a pattern whose `<…>` part matches one dotted segment or more).
    public func spec(for checkID: String) -> ClaimSpec? {
        rows.first { $0.id == checkID } ?? rows.first { Self.matches(pattern: $0.id, checkID) }
    }

    static func matches(pattern: String, _ id: String) -> Bool {
        guard let open = pattern.firstIndex(of: "<"), let close = pattern.firstIndex(of: ">") else { return false }
        let prefix = String(pattern[..<open]), suffix = String(pattern[pattern.index(after: close)...])
        return id.count > prefix.count + suffix.count && id.hasPrefix(prefix) && id.hasSuffix(suffix)
    }

    /// The canonical text the digest is taken of: every number and word that decides a verdict.
    public var canonicalText: String {
        (["alpha \(alpha)"] + rows.map { r in
            [r.id, r.statement, r.claimClass.rawValue, r.primary ? "primary" : "diagnostic", r.estimand, r.unit,
             r.margin.map { "low \($0.low.map { "\($0)" } ?? "-") high \($0.high.map { "\($0)" } ?? "-") floor \($0.floor.map { "\($0)" } ?? "-")" } ?? "-",
             r.tolerance.map { "\($0)" } ?? "-", r.reason].joined(separator: " | ")
        }).joined(separator: "\n")
    }

    /// SHA-256 of `canonicalText`, hex.
    public var digest: String { SHA256.hex(canonicalText) }

    /// `docs/claims.md`.
    public func markdown(title: String, introduction: String) -> String {
        var text = "# \(title)\n\n\(introduction)\n\n"
        text += "Intervals cover 1 − 2α = \(MarginNumber.text(1 - 2 * alpha)) (α = \(MarginNumber.text(alpha)) in each tail).\n"
        text += "Table digest (SHA-256, printed in every report): `\(digest)`.\n"
        for cls in ClaimClass.allCases {
            let mine = rows.filter { $0.claimClass == cls }
            guard !mine.isEmpty else { continue }
            text += cls == .math ? "\n## The mathematics\n\n" : "\n## The experiments\n\n"
            text += "| check | statement | role | estimand | \(cls == .math ? "exact object" : "replicates") | \(cls == .math ? "tolerance" : "margin") | reason |\n"
            text += "|---|---|---|---|---|---|---|\n"
            for r in mine {
                let cells = ["`\(r.id)`", r.statement, r.primary ? "primary" : "diagnostic", r.estimand, r.unit, r.decisionText, r.reason]
                text += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
            }
        }
        return text
    }
}
