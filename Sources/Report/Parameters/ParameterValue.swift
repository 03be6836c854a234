/// A value set for a stage parameter on the command line, already checked against its declaration.
/// In results.json it is a plain JSON number or array.
public enum ParameterValue: Sendable, Equatable, Encodable {
    case integer(Int)
    case integers([Int])
    /// Names from a fixed set (e.g. toy ids), in the order given.
    case choices([String])

    /// `12`, `64,128`, `moons,rings`: as it would be written after `=`.
    public var text: String {
        switch self {
        case .integer(let v): return String(v)
        case .integers(let vs): return vs.map(String.init).joined(separator: ",")
        case .choices(let names): return names.joined(separator: ",")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let v): try container.encode(v)
        case .integers(let vs): try container.encode(vs)
        case .choices(let names): try container.encode(names)
        }
    }
}
