import Foundation

/// A stage's prose: a Markdown file with `{{name}}` placeholders for the run's values.
///
/// The syntax is our own and deliberately tiny (docs/DESIGN.md, "Prose: the document is the source"): a
/// placeholder is `{{` + a name of letters, digits, `_`, `.` or `-` + `}}`, nothing else. There
/// are no sections, loops, filters or escaping rules — a value is Markdown that Swift formatted
/// (a number, a table, a list) and is inserted verbatim; the Markdown writers escape HTML later,
/// exactly as for text typed into the file. TeX stays TeX: `}}` (as in `\frac{1}{2}}`) means
/// nothing, and a `{{` that does not open a well-formed placeholder is an error, so a
/// collision with TeX is loud rather than silent. Sentences that depend on the run are not
/// conditionals here but named alternatives of the file (`ProseDocument`).
public struct ProseTemplate: Sendable {
    /// Where the text came from (for error messages).
    public let path: String
    public let text: String
    /// The line of `path` that the text's first line is (an alternative of a `ProseDocument` starts
    /// further down its file, and errors name the file's line).
    public let firstLine: Int

    public init(text: String, path: String = "<inline>", firstLine: Int = 1) {
        self.text = text
        self.path = path
        self.firstLine = firstLine
    }

    /// Reads the template at `path`.
    public static func load(_ path: String) throws -> ProseTemplate {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ProseError.missingFile(path)
        }
        return ProseTemplate(text: text, path: path)
    }

    /// The names the template uses, in order of first use.
    public func names() throws -> [String] {
        var seen = Set<String>(), ordered: [String] = []
        for piece in try pieces() {
            if case .name(let n, _) = piece, seen.insert(n).inserted { ordered.append(n) }
        }
        return ordered
    }

    /// The text with every placeholder replaced by its value. An unknown name throws (never
    /// empty text); values the template does not use are reported by `unusedNames(in:)`.
    public func render(_ values: [String: String]) throws -> String {
        var out = ""
        for piece in try pieces() {
            switch piece {
            case .text(let t): out += t
            case let .name(n, line):
                guard let v = values[n] else { throw ProseError.unknownName(n, file: path, line: line) }
                out += v
            }
        }
        return out
    }

    /// The keys of `values` that no placeholder uses (a test fails on any: a dead value is
    /// usually a sentence that lost its number).
    public func unusedNames(in values: [String: String]) throws -> [String] {
        let used = Set(try names())
        return values.keys.filter { !used.contains($0) }.sorted()
    }

    /// `render`, and an error on any value no placeholder uses: prose and code must agree both ways.
    public func renderUsingAll(_ values: [String: String]) throws -> String {
        let unused = try unusedNames(in: values)
        guard unused.isEmpty else { throw ProseError.unusedValues(unused, file: path, line: firstLine) }
        return try render(values)
    }

    enum Piece { case text(String), name(String, line: Int) }

    /// Splits the text at placeholders; throws on a `{{` that opens no well-formed placeholder.
    func pieces() throws -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            pieces.append(.text(String(rest[..<open.lowerBound])))
            let line = text[..<open.lowerBound].filter { $0 == "\n" }.count + firstLine
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else { throw ProseError.malformed(file: path, line: line) }
            let name = String(after[..<close.lowerBound])
            guard Self.isName(name) else { throw ProseError.malformed(file: path, line: line) }
            pieces.append(.name(name, line: line))
            rest = after[close.upperBound...]
        }
        pieces.append(.text(String(rest)))
        return pieces
    }

    static func isName(_ s: String) -> Bool {
        guard let first = s.first, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
    }
}
