/// One row of the claims scoreboard: a statement, its primary checks (with their stages) and the
/// verdict. Diagnostics and self-checks are not counted here.
struct ScoreboardRow {
    let statement: PaperStatement
    let primaries: [(stage: String, check: Check)]
    /// False in a partial report: a statement without checks may still be tested by a stage to come.
    var runComplete = true

    var stages: [String] {
        var out: [String] = []
        for p in primaries where !out.contains(p.stage) { out.append(p.stage) }
        return out
    }

    /// The rows for `document`, in catalogue order; a statement no primary check tested is kept
    /// (its verdict says so) so that the reader sees what this run did not test.
    static func rows(_ document: ReportDocument) -> [ScoreboardRow] {
        let primaries = document.results.flatMap { r in
            r.output.checks.filter { $0.kind == .claim && $0.primary }.map { (stage: r.id, check: $0) }
        }
        return document.statements.map { s in
            ScoreboardRow(statement: s, primaries: primaries.filter { s.tests($0.check.id) }, runComplete: document.isComplete)
        }
    }

    /// Primary claim checks that no statement claims (listed under the table so none is lost).
    static func unassigned(_ document: ReportDocument) -> [String] {
        document.results.flatMap(\.output.checks).filter { c in
            c.kind == .claim && c.primary && !document.statements.contains { $0.tests(c.id) }
        }.map(\.id)
    }

    /// The conjunction of the primary checks: fail if one fails, pass if all pass, else inconclusive;
    /// `untested` without any.
    var status: String {
        let s = primaries.map(\.check.status)
        if s.isEmpty { return "untested" }
        if s.contains(.fail) { return "fail" }
        if s.allSatisfy({ $0 == .pass }) { return "pass" }
        return "inconclusive"
    }

    /// The one-line verdict in words.
    var verdict: String {
        let math = statement.claimClass == .math
        let several = primaries.count > 1
        switch status {
        case "untested": return runComplete ? "Not tested in this run." : "No result yet (stages still to come)."
        case "pass":
            return math ? "Verified." : (several ? "Holds in all \(primaries.count) cases." : "Holds.")
        case "fail":
            let failed = primaries.filter { $0.check.status == .fail }.map { caseName($0.check) }
            if math { return "Refuted" + (several ? " (\(failed.joined(separator: ", ")))." : ".") }
            return "Does not hold" + (several ? " in: \(failed.joined(separator: ", "))." : ".")
        default:
            let open = primaries.filter { $0.check.status == .inconclusive }.map { caseName($0.check) }
            return "Undecided" + (several ? " in: \(open.joined(separator: ", "))" : "") + " (the interval straddles the margin, or the runs did not converge)."
        }
    }

    /// The part of a check id that names its case (`ex7.moons.lw_oas_beats_lw_rnd` → `ex7.moons`); the
    /// whole id where the statement has several kinds of check (the case alone would not say which failed).
    func caseName(_ check: Check) -> String {
        guard statement.idSuffixes.count == 1, let suffix = statement.idSuffixes.first, check.id.hasSuffix(suffix) else { return check.id }
        return String(check.id.dropLast(suffix.count))
    }
}

/// How many statements of each class hold, fail and are undecided (the summary tiles).
struct ScoreboardTally {
    var verified = 0, refuted = 0, mathOpen = 0
    var pass = 0, fail = 0, inconclusive = 0

    init(_ rows: [ScoreboardRow]) {
        for r in rows {
            switch (r.statement.claimClass, r.status) {
            case (.math, "pass"): verified += 1
            case (.math, "fail"): refuted += 1
            case (.math, "inconclusive"): mathOpen += 1
            case (.empirical, "pass"): pass += 1
            case (.empirical, "fail"): fail += 1
            case (.empirical, "inconclusive"): inconclusive += 1
            default: break
            }
        }
    }

    var mathText: String { "\(verified) verified, \(refuted) refuted" + (mathOpen > 0 ? ", \(mathOpen) undecided" : "") }
    var empiricalText: String { "\(pass) hold, \(fail) do not hold, \(inconclusive) undecided" }
}

extension ReportDocument {
    /// The scoreboard in one line, for the command line's closing summary.
    public var scoreboardSummary: String {
        let score = ScoreboardTally(ScoreboardRow.rows(self))
        return "mathematics: \(score.mathText); experiments: \(score.empiricalText); "
            + "primary checks: \(primaryTally.text); diagnostics: \(diagnosticTally.text); self-checks: \(tally(.selfCheck).text)"
    }
}
