import Report

/// The verdicts of a stage in sentences, generated from its checks so that the prose never contradicts
/// them: each claim check with its estimate, interval and margin (empirical) or its residual and
/// tolerance (math), primary checks first; self-checks only when one fails.
enum CheckFindings {
    static func list(_ checks: [Check]) -> String {
        let claims = checks.filter { $0.kind == .claim }
        let ordered = claims.filter(\.primary) + claims.filter { !$0.primary }
        var lines = ordered.map(sentence)
        lines += checks.filter { $0.kind == .selfCheck && $0.status != .pass }.map { c in
            "- Self-check `\(c.id)` **\(c.status.rawValue)s**: measured \(ProseNumber.fmt(c.measured, 4)), accepted \(band(c))"
                + (c.reason.map { " — \($0)" } ?? "") + "."
        }
        return lines.isEmpty ? "This section has no claim checks." : lines.joined(separator: "\n")
    }

    /// "- **Holds** (primary) — `id`: estimate …, 90 % interval [a, b] over 5 training seeds, inside the margin ≤ 0.032."
    static func sentence(_ c: Check) -> String {
        let role = c.primary ? "primary" : "diagnostic"
        guard let e = c.evidence else {
            let word = c.status == .pass ? "Verified" : c.status == .fail ? "Refuted" : "Undecided"
            return "- **\(word)** (\(role), exact) — `\(c.id)`: residual \(ProseNumber.sci(c.measured)), accepted \(band(c))."
        }
        let i = e.interval
        let word = c.status == .pass ? "Holds" : c.status == .fail ? "Does not hold" : "Undecided"
        let where_ = c.status == .pass ? "inside" : c.status == .fail ? "outside" : "straddling"
        var text = "- **\(word)** (\(role)) — `\(c.id)`: estimate \(end(i.estimate)), "
            + "\(ProseNumber.fmt(100 * (1 - 2 * i.alpha), 0)) % interval [\(end(i.low)), \(end(i.high))] "
            + "over \(i.n) \(e.unit), \(where_) the margin \(e.margin.text)"
        if let m = c.passingMargin, m.isFinite { text += "; it would pass at a margin of \(ProseNumber.fmt(m, 4))" }
        return text + (c.reason.map { " (\($0))" } ?? "") + "."
    }

    /// An interval end: 4 decimals, or ±∞ where the interval is unbounded (too few replicates, a diverged run).
    static func end(_ x: Double) -> String {
        x.isFinite ? ProseNumber.fmt(x, 4) : x.isNaN ? "NaN" : (x > 0 ? "+∞" : "−∞")
    }

    static func band(_ c: Check) -> String {
        switch (c.lower, c.upper) {
        case let (l?, u?): return "[\(ProseNumber.sci(l)), \(ProseNumber.sci(u))]"
        case let (nil, u?): return "≤ \(ProseNumber.sci(u))"
        case let (l?, nil): return "≥ \(ProseNumber.sci(l))"
        case (nil, nil): return "any value"
        }
    }
}
