/// A `--set STAGE.KEY=VALUE` that cannot be used; the description is one line that ends with the
/// valid keys (with their types and ranges), so that the user can correct it from the message alone.
public enum ParameterError: Error, Equatable, CustomStringConvertible {
    /// Not of the form `STAGE.KEY=VALUE`.
    case malformed(String, valid: [String])
    /// No stage has that id.
    case unknownStage(String, valid: [String])
    /// The stage declares no parameter of that name.
    case unknownKey(stage: String, key: String, valid: [String])
    /// The value is not of the parameter's type.
    case wrongType(name: String, value: String, expected: String, valid: [String])
    /// The value is of the right type but outside the declared range.
    case outOfRange(name: String, value: String, allowed: String, valid: [String])
    /// The same parameter was set twice.
    case repeated(name: String, valid: [String])

    public var description: String {
        switch self {
        case let .malformed(text, valid):
            return "--set '\(text)': expected STAGE.KEY=VALUE; " + Self.list(valid)
        case let .unknownStage(stage, valid):
            return "--set: no stage '\(stage)' has parameters; " + Self.list(valid)
        case let .unknownKey(stage, key, valid):
            return "--set: stage \(stage) has no parameter '\(key)'; " + Self.list(valid)
        case let .wrongType(name, value, expected, valid):
            return "--set \(name)=\(value): expected \(expected); " + Self.list(valid)
        case let .outOfRange(name, value, allowed, valid):
            return "--set \(name)=\(value): out of range, \(name) takes \(allowed); " + Self.list(valid)
        case let .repeated(name, valid):
            return "--set \(name) given twice; " + Self.list(valid)
        }
    }

    private static func list(_ valid: [String]) -> String {
        valid.isEmpty ? "no stage declares parameters" : "valid keys: " + valid.joined(separator: ", ")
    }
}
