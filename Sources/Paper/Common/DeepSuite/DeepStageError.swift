/// Errors of the deep-flow stages (Examples 6 and 7), each naming the problem.
public enum DeepStageError: Error, CustomStringConvertible, Equatable {
    /// A configuration value that cannot run.
    case invalidConfig(String)
    /// Every learning rate of the search diverged for this problem and method.
    case allLearningRatesDiverged(problem: String, method: String)
    /// A training at the chosen learning rate diverged (seed > 0).
    case diverged(problem: String, method: String, seed: Int, learningRate: Double)

    public var description: String {
        switch self {
        case let .invalidConfig(why): return "deep stage config: \(why)"
        case let .allLearningRatesDiverged(p, m): return "\(p)/\(m): every learning rate of the search diverged"
        case let .diverged(p, m, s, lr): return "\(p)/\(m): seed \(s) diverged at the chosen learning rate \(lr)"
        }
    }
}
