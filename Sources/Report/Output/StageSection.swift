import Foundation

/// One stage's section as a list of blocks, assembled once for both writers (Markdown and HTML
/// only render blocks). Prose that follows the section skeleton gets the engine's headings, its
/// config table under "How we test it" and its check table under "Results"; other prose is shown
/// as written, followed by the config, the checks and the unplaced literate code.
struct StageSection {
    enum Block {
        /// A skeleton heading (level 3).
        case heading(String)
        case markdown(String)
        case code(LiterateBlock)
        /// A placeholder or block that could not be resolved, with the note to show instead.
        case note(String)
        case config([(String, String)])
        case checks([Check])
    }

    let result: StageResult
    let figurePrefix: String

    /// The HTML/Markdown anchor of the section.
    var anchor: String { "stage-\(result.id)" }

    var body: String {
        result.output.markdown
            .replacingOccurrences(of: "](figures/", with: "](\(figurePrefix)")
            .replacingOccurrences(of: "src=\"figures/", with: "src=\"\(figurePrefix)")
    }

    func blocks() -> [Block] {
        let parts: [(SkeletonPart, String)]?
        do { parts = try SectionSkeleton.parts(of: body, file: fileName) } catch {
            return [.note("\(error)")] + freeForm()
        }
        guard let parts else { return freeForm() }
        var blocks: [Block] = []
        for (part, text) in parts {
            blocks.append(.heading(part.rawValue))
            blocks += pieces(text)
            switch part {
            case .method: if !configRows().isEmpty { blocks.append(.config(configRows())) }
            case .results: if !result.output.checks.isEmpty { blocks.append(.checks(result.output.checks)) }
            default: break
            }
        }
        return blocks
    }

    /// Prose without the skeleton: as written, then config, checks and unplaced code.
    func freeForm() -> [Block] {
        var blocks = pieces(body)
        if !configRows().isEmpty { blocks.append(.config(configRows())) }
        if !result.output.checks.isEmpty { blocks.append(.checks(result.output.checks)) }
        if let unplaced = unplacedBlocks() {
            if !unplaced.isEmpty { blocks.append(.heading("Code")); blocks += unplaced.map(Block.code) }
        } else {
            blocks.append(.note(sourceMissingNote))
        }
        return blocks
    }

    /// `text` split around literate placeholders: `<!-- @literate NAME -->` names a block of the
    /// stage's own file; `<!-- @literate PATH.swift: SIGNATURE -->` the declaration starting with
    /// SIGNATURE in PATH (relative to the package root), e.g. a library's training step.
    func pieces(_ text: String) -> [Block] {
        let blocks = LiterateSource.blocks(inFileAt: result.sourceFile)
        var pieces: [Block] = []
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard let name = Self.placeholderName(line) else { lines.append(line); continue }
            pieces.append(.markdown(lines.joined(separator: "\n")))
            lines = []
            pieces.append(resolve(name, ownBlocks: blocks))
        }
        pieces.append(.markdown(lines.joined(separator: "\n")))
        return pieces.filter { if case .markdown(let s) = $0 { return !s.allSatisfy(\.isWhitespace) }; return true }
    }

    func resolve(_ name: String, ownBlocks: [LiterateBlock]?) -> Block {
        if let colon = name.range(of: ".swift:") {
            let path = String(name[..<colon.lowerBound]) + ".swift"
            let signature = name[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            let absolute = CacheKeyer.packageRoot(above: result.sourceFile).appendingPathComponent(path).path
            guard var block = LiterateSource.declaration(signature, inFileAt: absolute) else {
                return .note("(no declaration '\(signature)' in \(path))")
            }
            block.file = path
            return .code(block)
        }
        guard let ownBlocks else { return .note(sourceMissingNote) }
        guard var block = ownBlocks.first(where: { $0.name == name }) else {
            return .note("(no literate block named '\(name)' in \(fileName))")
        }
        block.file = fileName
        return .code(block)
    }

    /// The literate blocks of the stage file when the body places none (a body that places blocks
    /// chose what to show). Nil if the source file is missing.
    func unplacedBlocks() -> [LiterateBlock]? {
        guard let blocks = LiterateSource.blocks(inFileAt: result.sourceFile) else { return nil }
        let placesAny = result.output.markdown.split(separator: "\n").contains { Self.placeholderName(String($0)) != nil }
        return placesAny ? [] : blocks.map { var b = $0; b.file = fileName; return b }
    }

    var fileName: String { URL(fileURLWithPath: result.sourceFile).lastPathComponent }
    var sourceMissingNote: String { "(source file \(fileName) not found at report time; code not shown)" }

    /// `<!-- @literate NAME -->` → NAME.
    static func placeholderName(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("<!-- @literate "), trimmed.hasSuffix("-->") else { return nil }
        return String(trimmed.dropFirst("<!-- @literate ".count).dropLast(3)).trimmingCharacters(in: .whitespaces)
    }

    /// The config as (key path, value) rows, nested objects flattened with dots.
    func configRows() -> [(String, String)] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: result.configJSON) else { return [] }
        var rows: [(String, String)] = []
        value.flatten(prefix: "", into: &rows)
        return rows
    }
}

/// A parsed JSON value; decoding through `JSONDecoder` keeps booleans and numbers apart.
enum JSONValue: Decodable {
    case bool(Bool), number(Double), string(String), null
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// Appends `(dotted.key, text)` rows; arrays of scalars stay on one row.
    func flatten(prefix: String, into rows: inout [(String, String)]) {
        if case .object(let members) = self {
            for key in members.keys.sorted() {
                members[key]!.flatten(prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &rows)
            }
        } else {
            rows.append((prefix.isEmpty ? "value" : prefix, text))
        }
    }

    var text: String {
        switch self {
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return NumberFormat.display(d)
        case .string(let s): return s
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.keys.sorted().map { "\($0): \(members[$0]!.text)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Number formatting for tables: up to 4 significant digits, scientific when very small/large.
enum NumberFormat {
    /// `short(value)` with a typographic minus sign (U+2212), for the pages; JSON keeps ASCII.
    static func display(_ value: Double) -> String {
        short(value).replacingOccurrences(of: "-", with: "−")
    }

    static func short(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e6 {
            var text = String(format: "%.4g", value)
            if text.contains("e") { text = String(format: "%.4f", value) }
            return text
        }
        return String(format: "%.3g", value)
    }
}
