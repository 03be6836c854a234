import Foundation

/// Renders `report/index.md`: GitHub-flavoured Markdown with `$…$` math and relative figure links.
struct MarkdownReport {
    let document: ReportDocument
    let figurePrefix: String

    func render() -> String {
        var parts = [header(), summary(), contents()]
        parts += document.sections.map { entry in
            switch entry {
            case .finished(let result): return section(result)
            case .pending(let stage): return placeholder(stage)
            }
        }
        parts.append(provenance())
        return parts.joined(separator: "\n\n") + "\n"
    }

    func header() -> String {
        let p = document.provenance
        return """
        # CouplingLab report

        Reproduction of *Characterizing The Role of A Single Coupling Layer in Affine Normalizing Flows* \
        (Draxler, Schwarz, Schnörr, Köthe, GCPR 2020). Profile **\(document.profile.rawValue)**, \
        commit `\(p.commit.prefix(12))`\(p.dirty == true ? " (dirty)" : ""), \
        generated \(ISO8601DateFormatter().string(from: document.generated)).
        """
    }

    func summary() -> String {
        let checks = document.checksFailedFirst
        let board = ScoreboardRow.rows(document), score = ScoreboardTally(board)
        let diagnostics = document.diagnosticTally, selfChecks = document.tally(.selfCheck)
        let failedStages = document.results.filter { $0.status == .failed }
        var text = "## Summary\n\n" + (IncompleteRunText.note(document).map { "> \($0)\n\n" } ?? "") + "**The mathematics: \(score.mathText). The experiments: \(score.empiricalText).** "
            + "Diagnostics (shown, not scored): \(diagnostics.text); our own self-checks: \(selfChecks.text); "
            + "\(document.results.count - failedStages.count) of \(document.results.count) stages ran successfully."
        for stage in failedStages { text += "\n\n> **Stage `\(stage.id)` failed:** \(stage.error ?? "")" }
        if !document.notRun.isEmpty { text += "\n\nNot run (not selected, nothing cached): \(document.notRun.joined(separator: ", "))." }
        if !board.isEmpty { text += "\n\n" + scoreboard(board) }
        guard !checks.isEmpty else { return text }
        let rows = checks.map { item in
            [CheckText.markdownVerdict(item.check), "[`\(item.stage)`](#stage-\(item.stage))", "`\(item.check.id)`",
             CheckText.role(item.check), CheckText.claimWithReason(item.check), NumberFormat.display(item.check.measured),
             CheckText.evidence(item.check)]
        }
        return text + "\n\n<details><summary>All \(checks.count) checks, failures first</summary>\n\n"
            + Markdown.table(header: ["", "stage", "check", "role", "claim", "measured", "accepted"], rows: rows) + "\n\n</details>"
    }

    /// The two halves of the scoreboard: each mathematical statement with its exact check, and each
    /// empirical claim with its estimand, margin, interval and verdict (one sub-row per case of a universal claim).
    func scoreboard(_ board: [ScoreboardRow]) -> String {
        var text = "### Claims scoreboard\n\n" + CheckText.ruleSentence(document)
        let math = board.filter { $0.statement.claimClass == .math }
        if !math.isEmpty {
            text += "\n\n#### The mathematics (exact objects, no training)\n\n" + Markdown.table(
                header: ["statement", "exact check", "measured", "accepted", "verdict"],
                rows: math.map { r in
                    ["**\(r.statement.name)** \(r.statement.statement)",
                     r.primaries.map { "[`\($0.check.id)`](#stage-\($0.stage))" }.joined(separator: ", "),
                     r.primaries.map { NumberFormat.display($0.check.measured) }.joined(separator: ", "),
                     r.primaries.map { CheckText.band($0.check) }.joined(separator: ", "), "**\(r.verdict)**"]
                })
        }
        let experiments = board.filter { $0.statement.claimClass == .empirical }
        if !experiments.isEmpty {
            var rows: [[String]] = []
            for r in experiments {
                rows.append(["**\(r.statement.name)** \(r.statement.statement)", "", "", "", "", "", "**\(r.verdict)**"])
                for p in r.primaries {
                    let e = p.check.evidence
                    rows.append(["↳ [`\(p.check.id)`](#stage-\(p.stage))", e.map { "\($0.interval.n) \($0.unit)" } ?? "—",
                                 e?.margin.text ?? CheckText.band(p.check), NumberFormat.display(p.check.measured), CheckText.bounds(p.check),
                                 p.check.passingMargin.map(NumberFormat.display) ?? "—", CheckText.markdownVerdict(p.check)])
                }
            }
            text += "\n\n#### The experiments (interval over replicates against a margin fixed before the run)\n\n"
                + Markdown.table(header: ["claim", "replicates", "margin", "estimate", "interval", "passes at", "verdict"], rows: rows)
        }
        let unassigned = ScoreboardRow.unassigned(document)
        if !unassigned.isEmpty { text += "\n\nPrimary checks not assigned to a statement: \(unassigned.joined(separator: ", "))." }
        return text
    }

    func contents() -> String {
        "## Contents\n\n" + document.sections.map { entry in
            switch entry {
            case .finished(let r): return "- [\(r.title)](#stage-\(r.id))" + (r.status == .failed ? " — **failed**" : "")
            case .pending(let p): return "- [\(p.title)](#stage-\(p.id))" + IncompleteRunText.contentsMark(p)
            }
        }.joined(separator: "\n") + "\n- [Provenance](#provenance)"
    }

    /// The section of a stage still to come: its heading and one sentence.
    func placeholder(_ stage: PendingStage) -> String {
        "<a id=\"stage-\(stage.id)\"></a>\n\n## \(stage.title)\n\n*\(IncompleteRunText.placeholder(stage))*"
    }

    func section(_ result: StageResult) -> String {
        let section = StageSection(result: result, figurePrefix: figurePrefix)
        var text = "<a id=\"\(section.anchor)\"></a>\n\n## \(result.title)\n\n" + CheckText.statusLine(result)
        if let note = CheckText.parametersNote(document, stage: result.id) { text += "\n\n" + note }
        if let error = result.error { text += "\n\n> **Error:** \(error)" }
        for warning in result.warnings { text += "\n\n> Warning: \(warning)" }
        for block in section.blocks() { text += "\n\n" + render(block) }
        return text
    }

    func render(_ block: StageSection.Block) -> String {
        switch block {
        case .heading(let title): return "### \(title)"
        case .markdown(let body): return body.trimmingCharacters(in: .newlines)
        case .code(let block): return codeBlock(block)
        case .note(let note): return "*\(note)*"
        case .config(let rows):
            return "#### Configuration (\(document.profile.rawValue))\n\n"
                + Markdown.table(header: ["parameter", "value"], rows: rows.map { ["`\($0.0)`", $0.1] })
        case .checks(let checks):
            return "#### Checks\n\n" + Markdown.table(
                header: ["check", "role", "claim", "measured", "accepted", "result"],
                rows: checks.map { c in
                    ["`\(c.id)`", CheckText.role(c), CheckText.claimWithReason(c), NumberFormat.display(c.measured),
                     CheckText.evidence(c), CheckText.markdownVerdict(c)]
                })
        }
    }

    func codeBlock(_ block: LiterateBlock) -> String {
        "*\(block.file), lines \(block.firstLine)–\(block.firstLine + block.code.split(separator: "\n", omittingEmptySubsequences: false).count - 1) (`\(block.name)`):*\n\n```swift\n\(block.code)\n```"
    }

    func provenance() -> String {
        "<a id=\"provenance\"></a>\n\n## Provenance\n\n"
            + Markdown.table(header: ["item", "value"], rows: CheckText.provenanceRows(document))
            + "\n\n" + Markdown.table(header: ["stage", "seed", "status", "seconds", "cached"],
                                      rows: document.results.map { r in
                ["`\(r.id)`", String(r.seed), r.status.rawValue, String(format: "%.2f", r.seconds), r.cached ? "yes" : "no"]
            })
    }
}

/// Text shared by both writers: accepted bands, status lines, provenance rows.
enum CheckText {
    /// `= a`, `e ± t`, `[a, b]`, `≤ b`, `≥ a`.
    static func band(_ check: Check) -> String {
        switch (check.lower, check.upper) {
        case let (l?, u?) where l == u: return "= \(NumberFormat.display(l))"
        case let (l?, u?) where abs((check.expected - l) - (u - check.expected)) <= 1e-9 * max(1, abs(check.expected)):
            return "\(NumberFormat.display(check.expected)) ± \(NumberFormat.display(check.tolerance))"
        case let (l?, u?): return "[\(NumberFormat.display(l)), \(NumberFormat.display(u))]"
        case let (nil, u?): return "≤ \(NumberFormat.display(u))"
        case let (l?, nil): return "≥ \(NumberFormat.display(l))"
        case (nil, nil): return "any"
        }
    }

    /// "[0.011, 0.023], n = 5" for an empirical check; "—" otherwise.
    static func interval(_ c: Check) -> String {
        guard let i = c.evidence?.interval else { return "—" }
        return "\(bounds(c)), n = \(i.n)"
    }

    /// "[0.011, 0.023]" for an empirical check; "—" otherwise.
    static func bounds(_ c: Check) -> String {
        guard let i = c.evidence?.interval else { return "—" }
        return "[\(NumberFormat.display(i.low)), \(NumberFormat.display(i.high))]"
    }

    /// What a check is held against: for an empirical check its interval, margin and the margin at
    /// which it would pass; for a math check its accepted band.
    static func evidence(_ c: Check) -> String {
        guard let e = c.evidence else { return band(c) }
        var text = "interval \(interval(c)) vs margin \(e.margin.text)"
        if let m = c.passingMargin, m.isFinite { text += "; passes at \(NumberFormat.display(m))" }
        return text
    }

    /// "primary · math", "diagnostic · empirical", "self-check".
    static func role(_ c: Check) -> String {
        if c.kind == .selfCheck { return "self-check" }
        return (c.primary ? "primary" : "diagnostic") + " · " + c.claimClass.rawValue
    }

    /// The decision rule and the digest of the claim table, in one sentence.
    static func ruleSentence(_ document: ReportDocument) -> String {
        var s = "Mathematical statements are verified on exact objects (quadrature, the optimal layer); empirical claims are decided by a "
            + "(1 − 2α) interval over replicates against a margin fixed before the run — pass inside it, fail entirely outside, "
            + "undecided when it straddles. Only primary checks are scored; the margins and their reasons are in `docs/claims.md`"
        if let digest = document.claimTableDigest { s += " (claim table SHA-256 `\(digest.prefix(16))`)" }
        return s + "."
    }

    static func statusLine(_ r: StageResult) -> String {
        let primary = CheckTally(r.output.checks.filter { $0.kind == .claim && $0.primary })
        let other = CheckTally(r.output.checks.filter { !($0.kind == .claim && $0.primary) })
        return "Stage `\(r.id)` · \(r.status == .ok ? "ok" : "**failed**") · \(String(format: "%.2f", r.seconds)) s"
            + (r.cached ? " (cached)" : "") + " · seed \(r.seed) · primary checks: \(primary.text); diagnostics and self-checks: \(other.text)"
    }

    /// The verdict cell of a Markdown table.
    static func markdownVerdict(_ c: Check) -> String {
        switch c.status {
        case .pass: return "✅ pass"
        case .fail: return "❌ **FAIL**"
        case .inconclusive: return "⚠️ inconclusive"
        }
    }

    /// The verdict cell of an HTML table (plain text; the row's class colours it).
    static func htmlVerdict(_ c: Check) -> String {
        switch c.status {
        case .pass: return "✓ pass"
        case .fail: return "✗ FAIL"
        case .inconclusive: return "? inconclusive"
        }
    }

    /// The claim, followed by the reason for the verdict when there is one.
    static func claimWithReason(_ c: Check) -> String {
        c.reason.map { "\(c.claim) — *\($0)*" } ?? c.claim
    }

    static func provenanceRows(_ document: ReportDocument) -> [[String]] {
        let p = document.provenance
        var rows = [
            ["commit", p.commit + (p.dirty == true ? " (dirty working tree)" : p.dirty == false ? " (clean)" : "")],
            ["Swift", p.swiftVersion], ["OS", p.operatingSystem], ["CPU", p.cpu],
            ["profile", document.profile.rawValue],
            ["generated", ISO8601DateFormatter().string(from: document.generated)],
        ]
        if let digest = document.claimTableDigest { rows.append(["claim table (SHA-256)", digest]) }
        if !document.parameters.isEmpty { rows.append(["parameters set on the command line (--set)", document.parameters.summary]) }
        rows += p.extra.keys.sorted().map { [$0, p.extra[$0]!] }
        return rows
    }

    /// "Parameters set on the command line: seeds = 12, toys = moons,rings." for a stage that has any.
    static func parametersNote(_ document: ReportDocument, stage: String) -> String? {
        let values = document.parameters[stage]
        guard !values.isEmpty else { return nil }
        return "Parameters set on the command line (`--set`): "
            + values.keys.sorted().map { "`\($0)` = \(values[$0]!.text)" }.joined(separator: ", ") + "."
    }
}
