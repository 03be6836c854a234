/// A small Swift syntax highlighter for the literate code blocks: comments, strings, numbers,
/// keywords, attributes and type names become `<span class="…">`; everything is HTML-escaped.
///
/// It is a single left-to-right scan, not a parser: good enough to colour the report's code,
/// and it never drops or reorders a character (the tests check the text round-trips).
public enum SwiftHighlighter {
    static let keywords: Set<String> = [
        "let", "var", "func", "return", "if", "else", "guard", "for", "in", "while", "repeat",
        "switch", "case", "default", "break", "continue", "struct", "class", "enum", "protocol",
        "extension", "import", "public", "private", "fileprivate", "internal", "static", "throws",
        "throw", "try", "catch", "do", "init", "self", "Self", "true", "false", "nil", "where",
        "as", "is", "inout", "some", "any", "mutating", "final", "typealias", "defer", "async",
        "await", "rethrows", "associatedtype", "lazy", "weak", "override", "open", "subscript",
    ]

    /// The highlighted HTML of `code` (without the surrounding `<pre><code>`).
    public static func html(_ code: String) -> String {
        let chars = Array(code)
        var out = ""
        var i = 0
        while i < chars.count {
            let (kind, end) = token(chars, at: i)
            let text = HTML.escape(String(chars[i..<end]))
            if let kind { out += "<span class=\"\(kind)\">\(text)</span>" } else { out += text }
            i = end
        }
        return out
    }

    /// The class (nil for plain text) and end index of the token starting at `i`.
    static func token(_ c: [Character], at i: Int) -> (String?, Int) {
        let next: Character? = i + 1 < c.count ? c[i + 1] : nil
        if c[i] == "/" && next == "/" { return ("cm", scan(c, from: i) { $0 != "\n" }) }
        if c[i] == "/" && next == "*" { return ("cm", blockCommentEnd(c, from: i)) }
        if c[i] == "\"" { return ("st", stringEnd(c, from: i)) }
        if c[i].isNumber { return ("nu", scan(c, from: i) { $0.isNumber || $0 == "." || $0 == "_" || $0 == "e" || $0.isHexDigit || $0 == "x" }) }
        if c[i] == "@" || c[i] == "#" {
            let end = scan(c, from: i + 1) { $0.isLetter || $0.isNumber || $0 == "_" }
            return (end > i + 1 ? "at" : nil, max(end, i + 1))
        }
        if c[i].isLetter || c[i] == "_" {
            let end = scan(c, from: i) { $0.isLetter || $0.isNumber || $0 == "_" }
            let word = String(c[i..<end])
            if keywords.contains(word) { return ("kw", end) }
            if word.first?.isUppercase == true { return ("ty", end) }
            return (nil, end)
        }
        return (nil, i + 1)
    }

    static func scan(_ c: [Character], from start: Int, while keep: (Character) -> Bool) -> Int {
        var j = start
        while j < c.count && keep(c[j]) { j += 1 }
        return j
    }

    static func blockCommentEnd(_ c: [Character], from start: Int) -> Int {
        var j = start + 2
        while j + 1 < c.count && !(c[j] == "*" && c[j + 1] == "/") { j += 1 }
        return min(j + 2, c.count)
    }

    /// End of a string literal, honouring escapes; a string ends at the closing quote or the line end.
    static func stringEnd(_ c: [Character], from start: Int) -> Int {
        var j = start + 1
        while j < c.count && c[j] != "\"" && c[j] != "\n" {
            j += c[j] == "\\" ? 2 : 1
        }
        return min(j + 1, c.count)
    }
}
