/// Errors raised by FlowCore on bad input: they name the problem, they never crash.
public enum FlowCoreError: Error, Equatable, CustomStringConvertible {
    /// An array or matrix had the wrong shape.
    case shapeMismatch(what: String, expected: String, got: String)
    /// An input contained NaN or ±∞.
    case nonFinite(what: String)
    /// A hyperparameter or constructor argument is outside its valid range.
    case invalidArgument(name: String, value: String, reason: String)
    /// Training produced a non-finite loss.
    case diverged(step: Int, loss: Double)

    public var description: String {
        switch self {
        case let .shapeMismatch(what, expected, got):
            return "shape mismatch in \(what): expected \(expected), got \(got)"
        case let .nonFinite(what):
            return "non-finite value (NaN or infinity) in \(what)"
        case let .invalidArgument(name, value, reason):
            return "invalid \(name) = \(value): \(reason)"
        case let .diverged(step, loss):
            return "training diverged at step \(step): loss = \(loss)"
        }
    }
}
