extension BlockParser {
    /// The list kind and the text after the marker: `- x`, `* x`, `1. x`.
    func listMarker(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") {
            return (false, String(line.dropFirst(2)))
        }
        let digits = line.prefix(while: { $0.isNumber })
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
            return (true, String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// A flat list; indented continuation lines join the previous item.
    mutating func list() {
        let ordered = listMarker(lines[index].trimmingCharactersSpaces())!.ordered
        var items: [String] = []
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharactersSpaces()
            if let marker = listMarker(trimmed), marker.ordered == ordered {
                items.append(marker.text)
            } else if !trimmed.isEmpty, line.hasPrefix("  "), !items.isEmpty {
                items[items.count - 1] += " " + trimmed
            } else { break }
            index += 1
        }
        let tag = ordered ? "ol" : "ul"
        blocks.append("<\(tag)>\n" + items.map { "<li>\(MarkdownInline.html($0))</li>" }.joined(separator: "\n") + "\n</\(tag)>")
    }

    mutating func quote() {
        var text: [String] = []
        while index < lines.count, lines[index].trimmingCharactersSpaces().hasPrefix(">") {
            text.append(String(lines[index].trimmingCharactersSpaces().dropFirst()).trimmingCharactersSpaces())
            index += 1
        }
        blocks.append("<blockquote>" + MarkdownHTML.convert(text.joined(separator: "\n")) + "</blockquote>")
    }

    /// Consecutive plain lines; an image-only paragraph becomes a figure, and an italic
    /// paragraph right after it becomes the caption.
    mutating func paragraph() {
        var text: [String] = []
        while index < lines.count {
            let trimmed = lines[index].trimmingCharactersSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("```") || trimmed.hasPrefix("$$") || headingLevel(trimmed) != nil
                || (trimmed.hasPrefix("|") && index + 1 < lines.count && isTableRule(lines[index + 1]))
                || (listMarker(trimmed) != nil && !text.isEmpty) || trimmed.hasPrefix("<!--") { break }
            text.append(trimmed)
            index += 1
        }
        if text.isEmpty { index += 1; return }
        let joined = text.joined(separator: "\n")
        let html = MarkdownInline.html(joined)
        if joined.hasPrefix("!["), joined.hasSuffix(")"), html.hasPrefix("<img"), !html.dropFirst().contains("<") {
            blocks.append("<figure>\(html)</figure>")
        } else if let last = blocks.last, last.hasPrefix("<figure>"), last.hasSuffix("</figure>"),
                  html.hasPrefix("<em>"), html.hasSuffix("</em>") {
            blocks[blocks.count - 1] = String(last.dropLast("</figure>".count))
                + "<figcaption>\(html.dropFirst(4).dropLast(5))</figcaption></figure>"
        } else {
            blocks.append("<p>\(html)</p>")
        }
    }
}
