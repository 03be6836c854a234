import Report

/// The verdicts of a stage in sentences, generated from its checks so that the prose never contradicts
/// them: each claim check with its estimate, interval and margin (empirical) or its residual and
/// tolerance (math), primary checks first; self-checks only when one fails. The sentences are the
/// alternatives of `check-findings.md` beside this file; the verdict of the check picks one.
enum CheckFindings {
    enum ExactCheck: String, ProseChoice { static let group = "exact_check"; case pass, fail, inconclusive }
    enum EmpiricalCheck: String, ProseChoice { static let group = "empirical_check"; case pass, fail, inconclusive }
    enum PassingMargin: String, ProseChoice { static let group = "passing_margin"; case known }
    enum FailedSelfCheck: String, ProseChoice { static let group = "failed_self_check"; case line }
    enum NoClaims: String, ProseChoice { static let group = "no_claims"; case line }

    static let choices: [any ProseChoice.Type] = [ExactCheck.self, EmpiricalCheck.self, PassingMargin.self,
                                                  FailedSelfCheck.self, NoClaims.self]

    static func document() throws -> ProseDocument { try ExampleFolder.commonDocument("check-findings.md", choices: choices) }

    static func list(_ checks: [Check]) throws -> String {
        let prose = try document()
        let claims = checks.filter { $0.kind == .claim }
        let ordered = claims.filter(\.primary) + claims.filter { !$0.primary }
        var lines = try ordered.map { try sentence($0, prose) }
        lines += try checks.filter { $0.kind == .selfCheck && $0.status != .pass }.map { c in
            try prose.text(FailedSelfCheck.line, ["id": c.id, "status": c.status.rawValue, "measured": ProseNumber.fmt(c.measured, 4),
                                                  "band": band(c), "reason": c.reason.map { " — \($0)" } ?? ""])
        }
        return lines.isEmpty ? try prose.text(NoClaims.line) : lines.joined(separator: "\n")
    }

    /// "- **Holds** (primary) — `id`: estimate …, 90 % interval [a, b] over 5 training seeds, inside the margin ≤ 0.032."
    static func sentence(_ c: Check, _ prose: ProseDocument) throws -> String {
        let role = c.primary ? "primary" : "diagnostic"
        guard let e = c.evidence else {
            let verdict: ExactCheck = c.status == .pass ? .pass : c.status == .fail ? .fail : .inconclusive
            return try prose.text(verdict, ["role": role, "id": c.id, "residual": ProseNumber.sci(c.measured), "band": band(c)])
        }
        let i = e.interval
        let verdict: EmpiricalCheck = c.status == .pass ? .pass : c.status == .fail ? .fail : .inconclusive
        let passing = try c.passingMargin.flatMap { m in m.isFinite ? try prose.text(PassingMargin.known, ["margin": ProseNumber.fmt(m, 4)]) : nil }
        return try prose.text(verdict, [
            "role": role, "id": c.id, "estimate": end(i.estimate), "coverage": ProseNumber.fmt(100 * (1 - 2 * i.alpha), 0),
            "low": end(i.low), "high": end(i.high), "n": "\(i.n)", "unit": e.unit, "margin": e.margin.text,
            "passing_margin": passing ?? "", "reason": c.reason.map { " (\($0))" } ?? "",
        ])
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
