import Foundation

/// Renders `report/index.md`: GitHub-flavoured Markdown with `$…$` math and relative figure links.
struct MarkdownReport {
    let document: ReportDocument
    let figurePrefix: String

    func render() -> String {
        var parts = [header(), summary(), contents()]
        parts += document.results.map(section)
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
        let claims = document.tally(.claim), selfChecks = document.tally(.selfCheck)
        let failedStages = document.results.filter { $0.status == .failed }
        var text = "## Summary\n\n**Claims of the paper: \(claims.text)**; our own self-checks: \(selfChecks.text); "
            + "\(document.results.count - failedStages.count) of \(document.results.count) stages ran successfully."
        for stage in failedStages { text += "\n\n> **Stage `\(stage.id)` failed:** \(stage.error ?? "")" }
        if !document.notRun.isEmpty { text += "\n\nNot run (not selected, nothing cached): \(document.notRun.joined(separator: ", "))." }
        let board = ScoreboardRow.rows(document)
        if !board.isEmpty {
            text += "\n\n### Claims scoreboard\n\n" + Markdown.table(
                header: ["statement of the paper", "tested in", "pass", "fail", "inconclusive", "verdict"],
                rows: board.map { r in
                    ["**\(r.statement.name)** \(r.statement.statement)", r.stages.map { "[`\($0)`](#stage-\($0))" }.joined(separator: ", "),
                     "\(r.tally.pass)", "\(r.tally.fail)", "\(r.tally.inconclusive)", r.verdict]
                })
        }
        guard !checks.isEmpty else { return text }
        let rows = checks.map { item in
            [CheckText.markdownVerdict(item.check), "[`\(item.stage)`](#stage-\(item.stage))", "`\(item.check.id)`",
             item.check.kind.rawValue, CheckText.claimWithReason(item.check), NumberFormat.display(item.check.measured),
             CheckText.band(item.check)]
        }
        return text + "\n\n<details><summary>All \(checks.count) checks, failures first</summary>\n\n"
            + Markdown.table(header: ["", "stage", "check", "kind", "claim", "measured", "accepted"], rows: rows) + "\n\n</details>"
    }

    func contents() -> String {
        "## Contents\n\n" + document.results.map { r in
            "- [\(r.title)](#stage-\(r.id))" + (r.status == .failed ? " — **failed**" : "")
        }.joined(separator: "\n") + "\n- [Provenance](#provenance)"
    }

    func section(_ result: StageResult) -> String {
        let section = StageSection(result: result, figurePrefix: figurePrefix)
        var text = "<a id=\"\(section.anchor)\"></a>\n\n## \(result.title)\n\n" + CheckText.statusLine(result)
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
                header: ["check", "claim", "measured", "expected", "accepted", "result"],
                rows: checks.map { c in
                    ["`\(c.id)`", CheckText.claimWithReason(c), NumberFormat.display(c.measured), NumberFormat.display(c.expected),
                     CheckText.band(c), CheckText.markdownVerdict(c)]
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

    static func statusLine(_ r: StageResult) -> String {
        let t = CheckTally(r.output.checks)
        return "Stage `\(r.id)` · \(r.status == .ok ? "ok" : "**failed**") · \(String(format: "%.2f", r.seconds)) s"
            + (r.cached ? " (cached)" : "") + " · seed \(r.seed) · checks: \(t.text)"
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
        rows += p.extra.keys.sorted().map { [$0, p.extra[$0]!] }
        return rows
    }
}
