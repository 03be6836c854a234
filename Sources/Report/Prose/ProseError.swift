/// Why a prose file could not be read or rendered. Every case names the file, and the line where
/// one applies, so that the fix starts in the editor.
public enum ProseError: Error, CustomStringConvertible, Equatable {
    case missingFile(String)
    case unknownName(String, file: String, line: Int)
    case malformed(file: String, line: Int)
    case skeleton(file: String, reason: String)
    /// Values the code passed that no placeholder of the template (starting at `line`) uses.
    case unusedValues([String], file: String, line: Int)
    /// A line that starts like an alternative marker but is not `<!-- alternative: group.case -->`.
    case malformedAlternative(file: String, line: Int)
    /// The same alternative twice.
    case duplicateAlternative(String, file: String, line: Int)
    /// An alternative with no text.
    case emptyAlternative(String, file: String, line: Int)
    /// An alternative that no choice the code declares can select: it would never be shown.
    case unselectableAlternative(String, file: String, line: Int)
    /// A case of a declared choice with no alternative in the file (`line`: where the file ends).
    case missingAlternative(String, file: String, line: Int)
    /// The code selected a case whose choice it did not declare when loading the file.
    case undeclaredChoice(String, file: String)

    public var description: String {
        switch self {
        case .missingFile(let p): return "prose file not found: \(p) (the report reads prose from the source tree)"
        case let .unknownName(n, f, l): return "\(f):\(l): unknown name {{\(n)}} in prose template"
        case let .malformed(f, l): return "\(f):\(l): '{{' opens no placeholder {{name}} (write '{ {' in TeX)"
        case let .skeleton(f, r): return "\(f): \(r)"
        case let .unusedValues(n, f, l): return "\(f):\(l): values not used by the prose: " + n.joined(separator: ", ")
        case let .malformedAlternative(f, l): return "\(f):\(l): an alternative marker is written <!-- alternative: group.case -->"
        case let .duplicateAlternative(n, f, l): return "\(f):\(l): alternative \(n) appears twice"
        case let .emptyAlternative(n, f, l): return "\(f):\(l): alternative \(n) has no text"
        case let .unselectableAlternative(n, f, l):
            return "\(f):\(l): alternative \(n) is never selectable: no choice the code declares has this case"
        case let .missingAlternative(n, f, l): return "\(f):\(l): the code may choose \(n), but the file has no such alternative"
        case let .undeclaredChoice(n, f): return "\(f): the code chose \(n) without declaring its choice when loading the file"
        }
    }
}
