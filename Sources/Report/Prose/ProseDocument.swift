import Foundation

/// A prose file: the main text, then the named alternatives the code chooses between.
///
/// After the main text, each alternative starts with a marker line
/// `<!-- alternative: group.case -->` and runs to the next marker or the end of the file; its text
/// is a `ProseTemplate` of its own. The code picks one by a `ProseChoice` case, fills it in and puts
/// the result into a placeholder of the main text (or of another alternative). So the sentences
/// that depend on the run — a verdict, a finding — are written in Markdown, and Swift keeps only the
/// decision and the numbers.
///
/// Strict both ways, at load time: an alternative that no declared choice names could never be
/// shown, and a declared case without an alternative could never be rendered; both throw, naming
/// file and line, whichever branch the run later takes. Everything from the first marker on is
/// alternatives, so none of them can leak into the rendered main text.
public struct ProseDocument: Sendable {
    public let path: String
    /// The text before the first alternative.
    public let main: ProseTemplate
    /// The alternatives by `group.case`.
    let alternatives: [String: ProseTemplate]

    static let markerOpen = "<!-- alternative"

    /// Splits `text` and checks its alternatives against `choices`, the choices the code may make.
    public init(text: String, path: String = "<inline>", choices: [any ProseChoice.Type] = []) throws {
        self.path = path
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var markers: [(name: String, line: Int)] = []   // line: the marker's index in `lines`
        for (k, line) in lines.enumerated() {
            if let name = try Self.alternativeName(line, file: path, line: k + 1) { markers.append((name, k)) }
        }
        guard let first = markers.first else {
            main = ProseTemplate(text: text, path: path)
            alternatives = try Self.checked([:], against: choices, file: path, lines: lines.count)
            return
        }
        var mainLines = lines[..<first.line]
        while let last = mainLines.last, last.allSatisfy(\.isWhitespace) { mainLines.removeLast() }
        main = ProseTemplate(text: mainLines.joined(separator: "\n") + "\n", path: path)
        var found: [String: (marker: Int, template: ProseTemplate)] = [:]
        for (k, marker) in markers.enumerated() {
            let end = k + 1 < markers.count ? markers[k + 1].line : lines.count
            guard found[marker.name] == nil else { throw ProseError.duplicateAlternative(marker.name, file: path, line: marker.line + 1) }
            let body = Self.trimmingBlankLines(lines[(marker.line + 1)..<end])
            guard !body.isEmpty else { throw ProseError.emptyAlternative(marker.name, file: path, line: marker.line + 1) }
            found[marker.name] = (marker.line + 1, ProseTemplate(text: body.joined(separator: "\n"), path: path, firstLine: body.startIndex + 1))
        }
        alternatives = try Self.checked(found, against: choices, file: path, lines: lines.count)
    }

    /// Reads the file at `path`.
    public static func load(_ path: String, choices: [any ProseChoice.Type] = []) throws -> ProseDocument {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ProseError.missingFile(path) }
        return try ProseDocument(text: text, path: path, choices: choices)
    }

    /// The main text with its placeholders filled; every value must be used.
    public func render(_ values: [String: String]) throws -> String {
        try main.renderUsingAll(values)
    }

    /// The chosen alternative with its placeholders filled; every value must be used.
    public func text<C: ProseChoice>(_ choice: C, _ values: [String: String] = [:]) throws -> String {
        guard let template = alternatives[choice.alternativeName] else {
            throw ProseError.undeclaredChoice(choice.alternativeName, file: path)
        }
        return try template.renderUsingAll(values)
    }

    /// The names of the alternatives, in no particular order (for tests).
    public var alternativeNames: [String] { Array(alternatives.keys) }

    /// The alternative a marker line opens, nil for any other line; throws on a line that starts
    /// like a marker but is not one (a typo must not turn an alternative into main text).
    static func alternativeName(_ line: String, file: String, line number: Int) throws -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(markerOpen) else { return nil }
        let malformed = ProseError.malformedAlternative(file: file, line: number)
        guard trimmed.hasPrefix(markerOpen + ": "), trimmed.hasSuffix(" -->") else { throw malformed }
        let name = String(trimmed.dropFirst(markerOpen.count + 2).dropLast(4)).trimmingCharacters(in: .whitespaces)
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ ProseTemplate.isName(String($0)) }) else { throw malformed }
        return name
    }

    /// The alternatives if they are exactly the declared choices' cases; else the first mismatch.
    static func checked(_ found: [String: (marker: Int, template: ProseTemplate)], against choices: [any ProseChoice.Type],
                        file: String, lines: Int) throws -> [String: ProseTemplate] {
        let declared = Set(choices.flatMap { $0.alternativeNames })
        if let stray = found.filter({ !declared.contains($0.key) }).min(by: { $0.value.marker < $1.value.marker }) {
            throw ProseError.unselectableAlternative(stray.key, file: file, line: stray.value.marker)
        }
        if let missing = declared.filter({ found[$0] == nil }).sorted().first {
            throw ProseError.missingAlternative(missing, file: file, line: lines)
        }
        return found.mapValues(\.template)
    }

    /// `lines` without blank lines at either end (indices kept, so the first line's number is known).
    static func trimmingBlankLines(_ lines: ArraySlice<String>) -> ArraySlice<String> {
        let isBlank = { (s: String) in s.allSatisfy(\.isWhitespace) }
        guard let first = lines.firstIndex(where: { !isBlank($0) }), let last = lines.lastIndex(where: { !isBlank($0) }) else {
            return lines[lines.startIndex..<lines.startIndex]
        }
        return lines[first...last]
    }
}
