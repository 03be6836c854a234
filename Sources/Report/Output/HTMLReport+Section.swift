import Foundation

extension HTMLReport {
    /// One stage: heading with status badges, status line, error, prose with placed code,
    /// config table, check table and the remaining literate code.
    func section(_ result: StageResult) -> String {
        let section = StageSection(result: result, figurePrefix: figurePrefix)
        var html = "<section class=\"stage\" id=\"\(section.anchor)\">\n<h2>\(MarkdownInline.html(result.title))"
            + "<span class=\"badge \(result.status.rawValue)\">\(result.status == .ok ? "ok" : "failed")</span>"
            + (result.cached ? "<span class=\"badge cached\">cached</span>" : "") + "</h2>\n"
            + "<p class=\"status\">\(MarkdownInline.html(CheckText.statusLine(result)))</p>\n"
            + (CheckText.parametersNote(document, stage: result.id).map { "<p class=\"note\">\(MarkdownInline.html($0))</p>\n" } ?? "")
        if let error = result.error { html += "<p class=\"error\"><b>Error:</b> \(HTML.escape(error))</p>\n" }
        for warning in result.warnings { html += "<p class=\"warning\">\(HTML.escape(warning))</p>\n" }
        let svgs = Set(result.figures.filter { $0.hasSuffix(".svg") }.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent })
        for block in section.blocks() { html += render(block, idPrefix: section.anchor + "-", svgs: svgs) + "\n" }
        return html + "</section>"
    }

    func render(_ block: StageSection.Block, idPrefix: String, svgs: Set<String>) -> String {
        switch block {
        case .heading(let title): return "<h3>\(HTML.escape(title))</h3>"
        case .markdown(let body): return HTMLFigures.upgrade(MarkdownHTML.convert(body, idPrefix: idPrefix), svgs: svgs)
        case .code(let block): return codeFigure(block)
        case .note(let note): return "<p class=\"note\">\(HTML.escape(note))</p>"
        case .config(let rows): return configTable(rows)
        case .checks(let checks): return checkTable(checks)
        }
    }

    func codeFigure(_ block: LiterateBlock) -> String {
        let lineCount = block.code.split(separator: "\n", omittingEmptySubsequences: false).count
        return "<figure class=\"code\"><figcaption>\(HTML.escape(block.file)) · lines \(block.firstLine)–\(block.firstLine + lineCount - 1)"
            + " · <code>\(HTML.escape(block.name))</code></figcaption><pre><code class=\"language-swift\">"
            + SwiftHighlighter.html(block.code) + "</code></pre></figure>"
    }

    func configTable(_ rows: [(String, String)]) -> String {
        guard !rows.isEmpty else { return "" }
        return "<h4>Configuration (\(document.profile.rawValue))</h4>\n<table class=\"config\"><thead><tr><th>parameter</th><th class=\"num\">value</th></tr></thead><tbody>\n"
            + rows.map { "<tr><td><code>\(HTML.escape($0.0))</code></td><td class=\"num\">\(HTML.escape($0.1))</td></tr>" }.joined(separator: "\n")
            + "\n</tbody></table>\n"
    }

    func checkTable(_ checks: [Check]) -> String {
        guard !checks.isEmpty else { return "" }
        let rows = checks.map { c in
            "<tr class=\"\(c.status.rawValue)\"><td><code>\(HTML.escape(c.id))</code></td><td>\(HTML.escape(CheckText.role(c)))</td>"
                + "<td>\(MarkdownInline.html(CheckText.claimWithReason(c)))</td>"
                + "<td class=\"num\">\(NumberFormat.display(c.measured))</td>"
                + "<td>\(HTML.escape(CheckText.evidence(c)))</td><td class=\"result\">\(CheckText.htmlVerdict(c))</td></tr>"
        }
        return "<h4>Checks</h4>\n<table class=\"checks\"><thead><tr><th>check</th><th>role</th><th>claim</th><th class=\"num\">measured</th>"
            + "<th>accepted</th><th>result</th></tr></thead><tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody></table>\n"
    }
}
