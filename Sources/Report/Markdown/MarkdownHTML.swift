/// Converts the Markdown subset that stages write to HTML, at report-build time.
///
/// Written here rather than pulled in as a dependency because the subset is small and fixed
/// (headings, paragraphs, emphasis, code spans, fenced code, lists, pipe tables, images, links,
/// block quotes, rules, `$…$` and `$$…$$` math) and math must become MathML, which general
/// Markdown libraries leave alone. Blocks are recognised line by line; inline syntax is handled
/// by `MarkdownInline`. A paragraph holding only an image becomes a `<figure>`, and an
/// all-italic paragraph right after it becomes its caption (what `Markdown.figure` writes).
public enum MarkdownHTML {
    /// Converts `markdown` to HTML; heading ids are prefixed with `idPrefix`, so that the same heading
    /// ("Findings") in several stage sections still gets a unique anchor.
    public static func convert(_ markdown: String, idPrefix: String = "") -> String {
        var parser = BlockParser(lines: markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                 idPrefix: idPrefix)
        return parser.parse().joined(separator: "\n")
    }

    /// The HTML `id` for a heading text: lower-case letters, digits and dashes.
    public static func slug(_ text: String) -> String {
        var slug = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber { slug.append(ch) } else if slug.last != "-" { slug.append("-") }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }
}

/// Line-oriented block recogniser.
struct BlockParser {
    let lines: [String]
    var index = 0
    var blocks: [String] = []
    let idPrefix: String

    init(lines: [String], idPrefix: String = "") { self.lines = lines; self.idPrefix = idPrefix }

    mutating func parse() -> [String] {
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharactersSpaces()
            if trimmed.isEmpty { index += 1 }
            else if trimmed.hasPrefix("```") { fencedCode(trimmed) }
            else if trimmed.hasPrefix("$$") { displayMath() }
            else if trimmed.hasPrefix("<!--") { skipComment() }
            else if let level = headingLevel(trimmed) { heading(trimmed, level: level) }
            else if trimmed == "---" || trimmed == "***" { blocks.append("<hr>"); index += 1 }
            else if trimmed.hasPrefix("|"), index + 1 < lines.count, isTableRule(lines[index + 1]) { table() }
            else if listMarker(trimmed) != nil { list() }
            else if trimmed.hasPrefix(">") { quote() }
            else { paragraph() }
        }
        return blocks
    }

    func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    mutating func heading(_ line: String, level: Int) {
        let text = String(line.dropFirst(level)).trimmingCharactersSpaces()
        blocks.append("<h\(level) id=\"\(idPrefix)\(MarkdownHTML.slug(text))\">\(MarkdownInline.html(text))</h\(level)>")
        index += 1
    }

    mutating func fencedCode(_ opener: String) {
        let language = String(opener.dropFirst(3)).trimmingCharactersSpaces()
        var code: [String] = []
        index += 1
        while index < lines.count, !lines[index].trimmingCharactersSpaces().hasPrefix("```") {
            code.append(lines[index]); index += 1
        }
        index += 1
        let text = code.joined(separator: "\n")
        let body = language == "swift" ? SwiftHighlighter.html(text) : HTML.escape(text)
        let cls = language.isEmpty ? "" : " class=\"language-\(HTML.escape(language))\""
        blocks.append("<pre><code\(cls)>\(body)</code></pre>")
    }

    /// `$$ … $$` on one line or spread over several.
    mutating func displayMath() {
        var tex = String(lines[index].trimmingCharactersSpaces().dropFirst(2))
        index += 1
        while !tex.hasSuffix("$$"), index < lines.count {
            tex += "\n" + lines[index]; index += 1
        }
        if tex.hasSuffix("$$") { tex = String(tex.dropLast(2)) }
        blocks.append("<div class=\"equation\">\(MathML.convert(tex, display: true))</div>")
    }

    mutating func skipComment() {
        while index < lines.count, !lines[index].contains("-->") { index += 1 }
        index += 1
    }

    func isTableRule(_ line: String) -> Bool {
        let t = line.trimmingCharactersSpaces()
        return t.hasPrefix("|") && t.contains("-") && t.allSatisfy { "|-: ".contains($0) }
    }

    /// Splits `| a | b |` into cells, honouring `\|` escapes.
    static func cells(_ line: String) -> [String] {
        var t = line.trimmingCharactersSpaces()
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|") && !t.hasSuffix("\\|") { t.removeLast() }
        var cells: [String] = [], current = "", previous: Character = " "
        for ch in t {
            if ch == "|" && previous != "\\" { cells.append(current); current = "" } else { current.append(ch) }
            previous = ch
        }
        cells.append(current)
        return cells.map { $0.replacingPipes().trimmingCharactersSpaces() }
    }

    mutating func table() {
        let header = Self.cells(lines[index])
        let aligns = Self.cells(lines[index + 1]).map { rule -> String in
            if rule.hasPrefix(":") && rule.hasSuffix(":") { return " style=\"text-align:center\"" }
            return rule.hasSuffix(":") ? " class=\"num\"" : ""
        }
        index += 2
        var html = "<table>\n<thead><tr>"
        for (i, cell) in header.enumerated() { html += "<th\(i < aligns.count ? aligns[i] : "")>\(MarkdownInline.html(cell))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        while index < lines.count, lines[index].trimmingCharactersSpaces().hasPrefix("|") {
            html += "<tr>" + Self.cells(lines[index]).enumerated().map { i, cell in
                "<td\(i < aligns.count ? aligns[i] : "")>\(MarkdownInline.html(cell))</td>"
            }.joined() + "</tr>\n"
            index += 1
        }
        blocks.append(html + "</tbody></table>")
    }
}

extension String {
    func replacingPipes() -> String {
        var out = ""
        var iterator = makeIterator()
        while let ch = iterator.next() {
            if ch == "\\" , let next = iterator.next() { out += next == "|" ? "|" : "\\\(next)" } else { out.append(ch) }
        }
        return out
    }
}
