/// Inline Markdown → HTML: code spans, `$…$` math, `**strong**`, `*em*`/`_em_`, links, images,
/// backslash escapes. Code spans and math are opaque (their contents are not reinterpreted).
enum MarkdownInline {
    static func html(_ text: String) -> String {
        let c = Array(text)
        var out = ""
        var i = 0
        while i < c.count {
            if let (html, end) = special(c, at: i) {
                out += html
                i = end
            } else {
                out += HTML.escape(String(c[i]))
                i += 1
            }
        }
        return out
    }

    /// The HTML and end index of an inline construct starting at `i`, or nil for plain text.
    static func special(_ c: [Character], at i: Int) -> (String, Int)? {
        switch c[i] {
        case "\\" where i + 1 < c.count && "\\`*_$[]()!#|".contains(c[i + 1]):
            return (HTML.escape(String(c[i + 1])), i + 2)
        case "`":
            guard let end = find(c, "`", from: i + 1) else { return nil }
            return ("<code>\(HTML.escape(String(c[(i + 1)..<end])))</code>", end + 1)
        case "$":
            if i + 1 < c.count, c[i + 1] == "$", let end = findPair(c, "$$", from: i + 2) {
                return (MathML.convert(String(c[(i + 2)..<end]), display: true), end + 2)
            }
            guard let end = find(c, "$", from: i + 1), end > i + 1 else { return nil }
            return (MathML.convert(String(c[(i + 1)..<end])), end + 1)
        case "*", "_":
            return emphasis(c, at: i)
        case "!" where i + 1 < c.count && c[i + 1] == "[":
            guard let (label, url, end) = link(c, at: i + 1) else { return nil }
            return ("<img src=\"\(HTML.escape(url))\" alt=\"\(HTML.escape(label))\">", end)
        case "[":
            guard let (label, url, end) = link(c, at: i) else { return nil }
            return ("<a href=\"\(HTML.escape(url))\">\(html(label))</a>", end)
        default:
            return nil
        }
    }

    /// `**x**`, `*x*`, `_x_` (underscores only at word boundaries, so `a_b` stays literal).
    static func emphasis(_ c: [Character], at i: Int) -> (String, Int)? {
        let mark = c[i]
        let strong = i + 1 < c.count && c[i + 1] == mark
        let width = strong ? 2 : 1
        let start = i + width
        guard start < c.count, !c[start].isWhitespace else { return nil }
        if mark == "_", i > 0, c[i - 1].isLetter || c[i - 1].isNumber { return nil }
        var j = start
        while j + width <= c.count {
            if c[j] == "`" || c[j] == "$", let skip = find(c, c[j], from: j + 1) { j = skip + 1; continue }
            if c[j..<(j + width)].allSatisfy({ $0 == mark }), j > start, !c[j - 1].isWhitespace,
               !(width == 1 && j + 1 < c.count && c[j + 1] == mark && mark == "*") {
                if mark == "_", j + width < c.count, c[j + width].isLetter { j += 1; continue }
                let tag = strong ? "strong" : "em"
                return ("<\(tag)>\(html(String(c[start..<j])))</\(tag)>", j + width)
            }
            j += 1
        }
        return nil
    }

    /// `[label](url)` starting at `i` (the `[`): label, url, end index. The label may hold balanced
    /// brackets, as CommonMark allows: `![density on [−2, 2]²](fig.png)` is one image.
    static func link(_ c: [Character], at i: Int) -> (String, String, Int)? {
        guard let close = matchingBracket(c, from: i), close + 1 < c.count, c[close + 1] == "(",
              let paren = find(c, ")", from: close + 2) else { return nil }
        var url = String(c[(close + 2)..<paren]).trimmingCharactersSpaces()
        if let space = url.firstIndex(of: " ") { url = String(url[..<space]) }   // drop a "title"
        return (String(c[(i + 1)..<close]), url, paren + 1)
    }

    /// The index of the `]` that closes the `[` at `open`, skipping escaped and nested pairs.
    static func matchingBracket(_ c: [Character], from open: Int) -> Int? {
        var depth = 0
        var j = open
        while j < c.count {
            if c[j] == "\\" { j += 2; continue }
            if c[j] == "[" { depth += 1 }
            if c[j] == "]" { depth -= 1; if depth == 0 { return j } }
            j += 1
        }
        return nil
    }

    static func find(_ c: [Character], _ target: Character, from start: Int) -> Int? {
        var j = start
        while j < c.count {
            if c[j] == "\\" && target != "`" { j += 2; continue }
            if c[j] == target { return j }
            j += 1
        }
        return nil
    }

    static func findPair(_ c: [Character], _ pair: String, from start: Int) -> Int? {
        let p = Array(pair)
        var j = start
        while j + 1 < c.count {
            if c[j] == p[0] && c[j + 1] == p[1] { return j }
            j += 1
        }
        return nil
    }
}

extension String {
    func trimmingCharactersSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
