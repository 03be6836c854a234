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
        </head>
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
        \(document.results.map(section).joined(separator: "\n"))
        \(provenance())
        </main>
        </body>
        </html>

        """
    }

    func summary() -> String {
        let checks = document.checksFailedFirst
        let claims = document.tally(.claim), selfChecks = document.tally(.selfCheck)
        let failedStages = document.results.filter { $0.status == .failed }
        var html = """
        <section id="summary"><h2>Summary</h2>
        <div class="tiles"><div class="tile pass"><b>\(claims.pass)</b>claims pass</div>\
        <div class="tile\(claims.fail > 0 ? " fail" : "")"><b>\(claims.fail)</b>claims fail</div>\
        <div class="tile\(claims.inconclusive > 0 ? " inconclusive" : "")"><b>\(claims.inconclusive)</b>claims inconclusive</div>\
        <div class="tile\(failedStages.isEmpty ? "" : " fail")"><b>\(document.results.count - failedStages.count)/\(document.results.count)</b>stages ran</div></div>
        <p class="note">Our own self-checks (consistency and sanity of the code, not claims of the paper): \(selfChecks.text).</p>
        """
        for stage in failedStages {
            html += "<p class=\"error\"><b>Stage <a href=\"#stage-\(stage.id)\">\(stage.id)</a> failed:</b> \(HTML.escape(stage.error ?? ""))</p>\n"
        }
        if !document.notRun.isEmpty {
            html += "<p class=\"note\">Not run (not selected, nothing cached): \(HTML.escape(document.notRun.joined(separator: ", "))).</p>\n"
        }
        html += scoreboard()
        if !checks.isEmpty {
            let failing = checks.filter { $0.check.status != .pass }.count
            html += "<details class=\"all-checks\"\(failing > 0 && checks.count <= 12 ? " open" : "")><summary>All \(checks.count) checks "
                + "(failures and inconclusive first: \(failing))</summary>\n"
                + "<table class=\"checks\"><thead><tr><th>result</th><th>stage</th><th>check</th><th>kind</th><th>claim</th>"
                + "<th class=\"num\">measured</th><th class=\"num\">accepted</th></tr></thead><tbody>\n"
            for item in checks {
                let c = item.check
                html += "<tr class=\"\(c.status.rawValue)\"><td class=\"result\">\(CheckText.htmlVerdict(c))</td>"
                    + "<td><a href=\"#stage-\(item.stage)\">\(item.stage)</a></td><td><code>\(HTML.escape(c.id))</code></td>"
                    + "<td>\(c.kind.rawValue)</td><td>\(MarkdownInline.html(CheckText.claimWithReason(c)))</td><td class=\"num\">\(NumberFormat.display(c.measured))</td>"
                    + "<td class=\"num\">\(HTML.escape(CheckText.band(c)))</td></tr>\n"
            }
            html += "</tbody></table></details>"
        }
        return html + "</section>"
    }

    /// One row per statement of the paper: the stages testing it, its claim checks, a verdict.
    func scoreboard() -> String {
        let rows = ScoreboardRow.rows(document)
        guard !rows.isEmpty else { return "" }
        let body = rows.map { r in
            "<tr class=\"\(r.status)\"><td><b>\(HTML.escape(r.statement.name))</b><br><span class=\"stmt\">\(MarkdownInline.html(r.statement.statement))</span></td>"
                + "<td>\(r.stages.map { "<a href=\"#stage-\($0)\">\($0)</a>" }.joined(separator: ", "))</td>"
                + "<td class=\"num\">\(r.tally.pass)</td><td class=\"num\">\(r.tally.fail)</td><td class=\"num\">\(r.tally.inconclusive)</td>"
                + "<td class=\"verdict\">\(HTML.escape(r.verdict))</td></tr>"
        }
        let unassigned = ScoreboardRow.unassigned(document)
        return "<h3>Claims scoreboard</h3>\n<table class=\"scoreboard\"><thead><tr><th>statement of the paper</th><th>tested in</th>"
            + "<th class=\"num\">pass</th><th class=\"num\">fail</th><th class=\"num\">inconcl.</th><th>verdict</th></tr></thead><tbody>\n"
            + body.joined(separator: "\n") + "\n</tbody></table>\n"
            + (unassigned.isEmpty ? "" : "<p class=\"note\">Claim checks not assigned to a statement: \(HTML.escape(unassigned.joined(separator: ", "))).</p>\n")
    }

    func contents() -> String {
        let items = document.results.map { r in
            "<li><a href=\"#stage-\(r.id)\">\(MarkdownInline.html(r.title))</a>"
                + (r.status == .failed ? " <span class=\"badge failed\">failed</span>" : "") + "</li>"
        }
        return "<nav class=\"toc\"><h2>Contents</h2><ol>\n" + items.joined(separator: "\n")
            + "\n<li><a href=\"#provenance\">Provenance</a></li></ol></nav>"
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
