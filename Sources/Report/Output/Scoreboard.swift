/// One row of the claims scoreboard: a statement, the stages whose claim checks test it, the
/// tally of those checks and a verdict in words. Self-checks are not counted here.
struct ScoreboardRow {
    let statement: PaperStatement
    let stages: [String]
    let tally: CheckTally

    /// The rows for `document`, in catalogue order; a statement no claim check tested is kept
    /// (its verdict says so) so that the reader sees what this run did not test.
    static func rows(_ document: ReportDocument) -> [ScoreboardRow] {
        let claims = document.results.flatMap { r in r.output.checks.filter { $0.kind == .claim }.map { (stage: r.id, check: $0) } }
        return document.statements.map { s in
            let mine = claims.filter { s.tests($0.check.id) }
            var stages: [String] = []
            for m in mine where !stages.contains(m.stage) { stages.append(m.stage) }
            return ScoreboardRow(statement: s, stages: stages, tally: CheckTally(mine.map(\.check)))
        }
    }

    /// Claim checks of the document that no statement claims (listed under the table so none is lost).
    static func unassigned(_ document: ReportDocument) -> [String] {
        document.results.flatMap(\.output.checks).filter { c in
            c.kind == .claim && !document.statements.contains { $0.tests(c.id) }
        }.map(\.id)
    }

    /// pass / fail / inconclusive / mixed / untested, for the row's colour.
    var status: String {
        if tally.total == 0 { return "untested" }
        if tally.fail == 0 && tally.inconclusive == 0 { return "pass" }
        if tally.pass == 0 && tally.inconclusive == 0 { return "fail" }
        if tally.fail == 0 && tally.pass == 0 { return "inconclusive" }
        return tally.fail > 0 ? "mixed" : "inconclusive"
    }

    /// The one-line verdict.
    var verdict: String {
        let t = tally
        switch status {
        case "untested": return "Not tested in this run."
        case "pass": return t.total == 1 ? "Holds: its check passes." : "Holds in all \(t.total) checks."
        case "fail": return t.total == 1 ? "Not reproduced: its check fails." : "Not reproduced: all \(t.total) checks fail."
        case "inconclusive" where t.pass == 0: return "Inconclusive: the runs it needs did not converge, or margins are within seed noise."
        default:
            var parts = ["holds in \(t.pass) of \(t.total) checks"]
            if t.fail > 0 { parts.append("fails in \(t.fail)") }
            if t.inconclusive > 0 { parts.append("\(t.inconclusive) inconclusive") }
            return "Partly: " + parts.joined(separator: ", ") + "."
        }
    }
}
