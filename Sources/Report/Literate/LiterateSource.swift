import Foundation

/// A named block of a stage's own source, cut between `// @literate begin NAME` and `// @literate end`.
public struct LiterateBlock: Sendable, Equatable {
    /// The block's name from the begin marker.
    public let name: String
    /// 1-based line number of the first code line in the source file.
    public let firstLine: Int
    /// The code lines, with the common indentation removed.
    public let code: String
    /// The file shown in the caption (the package-relative path for a block from another file).
    public var file: String = ""
}

/// Reads literate blocks out of a Swift source file at report time, so the report shows exactly
/// the code that ran rather than a hand-copied snippet.
public enum LiterateSource {
    static let beginMarker = "// @literate begin"
    static let endMarker = "// @literate end"

    /// The blocks of `source` in order. An unterminated block runs to the end of the file;
    /// marker lines themselves are not shown; nested markers are not supported (a begin inside
    /// a block starts a new block).
    public static func blocks(in source: String) -> [LiterateBlock] {
        var blocks: [LiterateBlock] = []
        var current: (name: String, start: Int, lines: [String])?
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(beginMarker) {
                if let open = current { blocks.append(makeBlock(open)) }
                let name = trimmed.dropFirst(beginMarker.count).trimmingCharacters(in: .whitespaces)
                current = (name.isEmpty ? "code" : name, index + 2, [])
            } else if trimmed.hasPrefix(endMarker) {
                if let open = current { blocks.append(makeBlock(open)) }
                current = nil
            } else if current != nil {
                current!.lines.append(line)
            }
        }
        if let open = current { blocks.append(makeBlock(open)) }
        return blocks
    }

    /// The blocks of the file at `path`, or nil when it cannot be read (e.g. a binary run
    /// away from its sources); callers then show a note instead of code.
    public static func blocks(inFileAt path: String) -> [LiterateBlock]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return blocks(in: text)
    }

    /// The declaration whose first line contains `signature` (e.g. `func forward(`) in the file at
    /// `path`, with the `///` comment above it, through its matching closing brace. This shows
    /// library mathematics where it lives without putting markers into library files.
    public static func declaration(_ signature: String, inFileAt path: String) -> LiterateBlock? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains(signature) }) else { return nil }
        var first = start
        // Take the doc comment along, across attributes such as `@inlinable` between it and the declaration.
        while first > 0, ["///", "@"].contains(where: lines[first - 1].trimmingCharacters(in: .whitespaces).hasPrefix) { first -= 1 }
        var depth = 0, opened = false, end = start
        scan: for index in start..<lines.count {
            for ch in lines[index] {
                if ch == "{" { depth += 1; opened = true }
                if ch == "}" { depth -= 1 }
                if opened && depth == 0 { end = index; break scan }
            }
            end = index
        }
        return LiterateBlock(name: signature, firstLine: first + 1, code: dedent(Array(lines[first...end])))
    }

    private static func makeBlock(_ open: (name: String, start: Int, lines: [String])) -> LiterateBlock {
        LiterateBlock(name: open.name, firstLine: open.start, code: dedent(open.lines))
    }

    /// Removes the indentation common to all non-blank lines, and leading/trailing blank lines.
    static func dedent(_ lines: [String]) -> String {
        var body = lines
        while let first = body.first, first.allSatisfy(\.isWhitespace) { body.removeFirst() }
        while let last = body.last, last.allSatisfy(\.isWhitespace) { body.removeLast() }
        let indents = body.filter { !$0.allSatisfy(\.isWhitespace) }
            .map { $0.prefix(while: { $0 == " " || $0 == "\t" }).count }
        let common = indents.min() ?? 0
        return body.map { $0.allSatisfy(\.isWhitespace) ? "" : String($0.dropFirst(common)) }
            .joined(separator: "\n")
    }
}
