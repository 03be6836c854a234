import Foundation

/// Renders `report/index.html`: one self-contained page (inline CSS, MathML, figures by
/// relative path), with the summary of all checks first, a table of contents, one section per
/// stage and the provenance appendix.
struct HTMLReport {
    let document: ReportDocument
    let figurePrefix: String

    func render() -> String {
        let generated = ISO8601DateFormatter().string(from: document.generated)
        let p = document.provenance
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>CouplingLab report (\(document.profile.rawValue))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        \(incompleteHead())</head>
        <body>
        <main>
        <header>
        <h1>CouplingLab report</h1>
        <p class="meta">Reproduction of <em>Characterizing The Role of A Single Coupling Layer in Affine Normalizing Flows</em> \
        (Draxler, Schwarz, Schnörr, Köthe, GCPR 2020) · profile <b>\(document.profile.rawValue)</b> · \
        commit <code>\(HTML.escape(String(p.commit.prefix(12))))</code>\(p.dirty == true ? " (dirty)" : "") · \(generated)</p>
        </header>
        \(summary())
        \(contents())
        \(document.sections.map { entry -> String in
            switch entry {
            case .finished(let result): return section(result)
            case .pending(let stage): return placeholder(stage)
            }
        }.joined(separator: "\n"))
        \(provenance())
        </main>
        </body>
        </html>

        """
    }

    func summary() -> String {
        let checks = document.checksFailedFirst
        let board = ScoreboardRow.rows(document), score = ScoreboardTally(board)
        let diagnostics = document.diagnosticTally, selfChecks = document.tally(.selfCheck)
        let failedStages = document.results.filter { $0.status == .failed }
        var html = """
        <section id="summary"><h2>Summary</h2>
        \(IncompleteRunText.note(document).map { "<p class=\"incomplete\">\(MarkdownInline.html($0))</p>\n" } ?? "")\
        <div class="tiles"><div class="tile pass"><b>\(score.verified)</b>statements verified</div>\
        <div class="tile\(score.refuted > 0 ? " fail" : "")"><b>\(score.refuted)</b>statements refuted</div>\
        <div class="tile pass"><b>\(score.pass)</b>experiments hold</div>\
        <div class="tile\(score.fail > 0 ? " fail" : "")"><b>\(score.fail)</b>do not hold</div>\
        <div class="tile\(score.inconclusive > 0 ? " inconclusive" : "")"><b>\(score.inconclusive)</b>undecided</div>\
        <div class="tile\(failedStages.isEmpty ? "" : " fail")"><b>\(document.results.count - failedStages.count)/\(document.results.count)</b>stages ran</div></div>
        <p class="note">Diagnostics (shown with their stage, not scored): \(diagnostics.text). Our own self-checks (consistency and sanity of the code, not claims of the paper): \(selfChecks.text).</p>
        """
        for stage in failedStages {
            html += "<p class=\"error\"><b>Stage <a href=\"#stage-\(stage.id)\">\(stage.id)</a> failed:</b> \(HTML.escape(stage.error ?? ""))</p>\n"
        }
        if !document.notRun.isEmpty {
            html += "<p class=\"note\">Not run (not selected, nothing cached): \(HTML.escape(document.notRun.joined(separator: ", "))).</p>\n"
        }
        html += scoreboard(board)
        if !checks.isEmpty {
            let failing = checks.filter { $0.check.status != .pass }.count
            html += "<details class=\"all-checks\"><summary>All \(checks.count) checks "
                + "(failures and inconclusive first: \(failing))</summary>\n"
                + "<table class=\"checks\"><thead><tr><th>result</th><th>stage</th><th>check</th><th>role</th><th>claim</th>"
                + "<th class=\"num\">measured</th><th>accepted</th></tr></thead><tbody>\n"
            for item in checks {
                let c = item.check
                html += "<tr class=\"\(c.status.rawValue)\"><td class=\"result\">\(CheckText.htmlVerdict(c))</td>"
                    + "<td><a href=\"#stage-\(item.stage)\">\(item.stage)</a></td><td><code>\(HTML.escape(c.id))</code></td>"
                    + "<td>\(HTML.escape(CheckText.role(c)))</td><td>\(MarkdownInline.html(CheckText.claimWithReason(c)))</td><td class=\"num\">\(NumberFormat.display(c.measured))</td>"
                    + "<td>\(HTML.escape(CheckText.evidence(c)))</td></tr>\n"
            }
            html += "</tbody></table></details>"
        }
        return html + "</section>"
    }

    /// The mathematics (each statement, its exact check, verified or refuted) and the experiments
    /// (each claim, its estimand, margin, interval and verdict; a sub-row per case of a universal claim).
    func scoreboard(_ rows: [ScoreboardRow]) -> String {
        guard !rows.isEmpty else { return "" }
        var html = "<h3>Claims scoreboard</h3>\n<p class=\"note\">\(MarkdownInline.html(CheckText.ruleSentence(document)))</p>\n"
        let math = rows.filter { $0.statement.claimClass == .math }
        if !math.isEmpty {
            html += "<h4>The mathematics (exact objects, no training)</h4>\n<table class=\"scoreboard\"><thead><tr><th>statement</th>"
                + "<th>exact check</th><th class=\"num\">measured</th><th class=\"num\">accepted</th><th>verdict</th></tr></thead><tbody>\n"
            for r in math {
                html += "<tr class=\"\(r.status)\"><td><b>\(HTML.escape(r.statement.name))</b><br><span class=\"stmt\">\(MarkdownInline.html(r.statement.statement))</span></td>"
                    + "<td>\(r.primaries.map { "<a href=\"#stage-\($0.stage)\"><code>\(HTML.escape($0.check.id))</code></a>" }.joined(separator: "<br>"))</td>"
                    + "<td class=\"num\">\(r.primaries.map { NumberFormat.display($0.check.measured) }.joined(separator: "<br>"))</td>"
                    + "<td class=\"num\">\(r.primaries.map { HTML.escape(CheckText.band($0.check)) }.joined(separator: "<br>"))</td>"
                    + "<td class=\"verdict\">\(HTML.escape(r.verdict))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        let experiments = rows.filter { $0.statement.claimClass == .empirical }
        if !experiments.isEmpty {
            html += "<h4>The experiments (interval over replicates against a margin fixed before the run)</h4>\n"
                + "<table class=\"scoreboard\"><thead><tr><th>claim · primary check</th><th>replicates</th><th>margin</th>"
                + "<th class=\"num\">estimate</th><th>interval</th><th class=\"num\">passes at</th><th>verdict</th></tr></thead><tbody>\n"
            for r in experiments {
                html += "<tr class=\"\(r.status)\"><td colspan=\"7\"><b>\(HTML.escape(r.statement.name))</b> "
                    + "<span class=\"stmt\">\(MarkdownInline.html(r.statement.statement))</span><br><span class=\"verdict\">\(HTML.escape(r.verdict))</span></td></tr>\n"
                for p in r.primaries {
                    let c = p.check, e = c.evidence
                    html += "<tr class=\"\(c.status.rawValue) case\"><td>↳ <a href=\"#stage-\(p.stage)\"><code>\(HTML.escape(c.id))</code></a></td>"
                        + "<td>\(HTML.escape(e.map { "\($0.interval.n) \($0.unit)" } ?? "—"))</td>"
                        + "<td>\(HTML.escape(e?.margin.text ?? CheckText.band(c)))</td><td class=\"num\">\(NumberFormat.display(c.measured))</td>"
                        + "<td>\(HTML.escape(CheckText.bounds(c)))</td>"
                        + "<td class=\"num\">\(c.passingMargin.map(NumberFormat.display) ?? "—")</td><td class=\"result\">\(CheckText.htmlVerdict(c))</td></tr>\n"
                }
            }
            html += "</tbody></table>\n"
        }
        let unassigned = ScoreboardRow.unassigned(document)
        if !unassigned.isEmpty {
            html += "<p class=\"note\">Primary checks not assigned to a statement: \(HTML.escape(unassigned.joined(separator: ", "))).</p>\n"
        }
        return html
    }

    func contents() -> String {
        let items = document.sections.map { entry -> String in
            switch entry {
            case .finished(let r):
                return "<li><a href=\"#stage-\(r.id)\">\(MarkdownInline.html(r.title))</a>"
                    + (r.status == .failed ? " <span class=\"badge failed\">failed</span>" : "") + "</li>"
            case .pending(let p):
                return "<li><a href=\"#stage-\(p.id)\">\(MarkdownInline.html(p.title))</a> " + badge(p) + "</li>"
            }
        }
        return "<nav class=\"toc\"><h2>Contents</h2><ol>\n" + items.joined(separator: "\n")
            + "\n<li><a href=\"#provenance\">Provenance</a></li></ol></nav>"
    }

    /// While the run goes on: reload every `IncompleteRunText.reloadSeconds` (no server needed) and the
    /// placeholders' styles. Nothing once complete.
    func incompleteHead() -> String {
        guard !document.isComplete else { return "" }
        return "<meta http-equiv=\"refresh\" content=\"\(IncompleteRunText.reloadSeconds)\">\n<style>\n\(IncompleteRunText.css)\n</style>\n"
    }

    /// The section of a stage still to come: its heading with a badge and one sentence.
    func placeholder(_ stage: PendingStage) -> String {
        "<section class=\"stage pending\" id=\"stage-\(stage.id)\">\n<h2>\(MarkdownInline.html(stage.title))\(badge(stage))</h2>\n"
            + "<p class=\"status\">\(HTML.escape(IncompleteRunText.placeholder(stage)))</p>\n</section>"
    }

    func badge(_ stage: PendingStage) -> String {
        stage.isRunning ? "<span class=\"badge running\">running</span>" : "<span class=\"badge waiting\">not started</span>"
    }

    func provenance() -> String {
        let rows = CheckText.provenanceRows(document).map { "<tr><th>\(HTML.escape($0[0]))</th><td>\(HTML.escape($0[1]))</td></tr>" }
        let stages = document.results.map { r in
            "<tr><td><a href=\"#stage-\(r.id)\">\(r.id)</a></td><td class=\"num\">\(r.seed)</td><td>\(r.status.rawValue)</td>"
                + "<td class=\"num\">\(String(format: "%.2f", r.seconds))</td><td>\(r.cached ? "yes" : "no")</td></tr>"
        }
        return "<section id=\"provenance\"><h2>Provenance</h2><table class=\"config\"><tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody></table>\n"
            + "<table><thead><tr><th>stage</th><th class=\"num\">seed</th><th>status</th><th class=\"num\">seconds</th><th>cached</th></tr></thead><tbody>\n"
            + stages.joined(separator: "\n") + "\n</tbody></table></section>"
    }
}
