import Foundation

/// The parts of one stage's section that both writers share: the body split around literate
/// placeholders, the config rows, and formatting of numbers.
struct StageSection {
    enum Piece {
        case markdown(String)
        case code(LiterateBlock)
        /// A placeholder or block that could not be resolved, with the note to show instead.
        case note(String)
    }

    let result: StageResult
    let figurePrefix: String

    /// The HTML/Markdown anchor of the section.
    var anchor: String { "stage-\(result.id)" }

    /// The body with `figures/` links made relative, literate blocks placed where requested
    /// and the remaining blocks appended in file order.
    func pieces() -> [Piece] {
        let body = result.output.markdown
            .replacingOccurrences(of: "](figures/", with: "](\(figurePrefix)")
            .replacingOccurrences(of: "src=\"figures/", with: "src=\"\(figurePrefix)")
        let blocks = LiterateSource.blocks(inFileAt: result.sourceFile)
        var used = Set<String>()
        var pieces: [Piece] = []
        var text: [String] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard let name = Self.placeholderName(line) else { text.append(line); continue }
            pieces.append(.markdown(text.joined(separator: "\n")))
            text = []
            if let block = blocks?.first(where: { $0.name == name }) {
                pieces.append(.code(block)); used.insert(name)
            } else {
                pieces.append(.note(blocks == nil ? sourceMissingNote : "(no literate block named '\(name)' in \(fileName))"))
            }
        }
        pieces.append(.markdown(text.joined(separator: "\n")))
        return pieces.filter { if case .markdown(let s) = $0 { return !s.allSatisfy(\.isWhitespace) }; return true }
    }

    /// The literate blocks shown under "Code": all of them when the body places none, else none
    /// (a body that places blocks chose what to show; this also keeps a file that holds several
    /// stages from showing its neighbours' code). Nil if the source file is missing.
    func unplacedBlocks() -> [LiterateBlock]? {
        guard let blocks = LiterateSource.blocks(inFileAt: result.sourceFile) else { return nil }
        let placesAny = result.output.markdown.split(separator: "\n").contains { Self.placeholderName(String($0)) != nil }
        return placesAny ? [] : blocks
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
