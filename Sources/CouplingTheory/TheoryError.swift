/// Errors raised by CouplingTheory on bad input: each names the problem (and the line, for CSV input).
public enum TheoryError: Error, Equatable, CustomStringConvertible {
    /// An argument is outside its valid range.
    case invalidArgument(name: String, value: String, reason: String)
    /// Too few samples for the requested estimate.
    case tooFewSamples(needed: Int, got: Int, reason: String)
    /// A quantity the computation needs is not available for this density (e.g. an unknown entropy).
    case unavailable(what: String)
    /// A line of CSV input is malformed.
    case csv(line: Int, problem: String)
    /// The input file could not be read.
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidArgument(name, value, reason):
            return "invalid \(name) = \(value): \(reason)"
        case let .tooFewSamples(needed, got, reason):
            return "too few samples: need at least \(needed), got \(got) (\(reason))"
        case let .unavailable(what):
            return "not available: \(what)"
        case let .csv(line, problem):
            return "line \(line): \(problem)"
        case let .unreadableFile(path, reason):
            return "cannot read '\(path)': \(reason)"
        }
    }
}
