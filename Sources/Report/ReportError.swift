/// Errors of the report engine; each names the problem so the CLI can print it as one line.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// `--only` or `figure` named a stage id that no stage has.
    case unknownStage(String, known: [String])
    /// `figure NAME` named a figure that no stage owns.
    case unknownFigure(String, known: [String])
    /// The output folder cannot be created or written.
    case unwritableOutput(path: String, reason: String)
    /// A file could not be written.
    case writeFailed(path: String, reason: String)
    /// Two stages share an id, or two stages claim the same figure.
    case duplicate(what: String, name: String)
    /// A stage id or figure name that cannot be used as a file name.
    case invalidName(what: String, name: String)
    /// A stage's config could not be encoded to JSON.
    case configEncoding(stage: String, reason: String)
    /// `--shard` was not `K/N` with 1 ≤ K ≤ N.
    case invalidShard(String)
    /// The cache lock file could not be opened or locked.
    case lockFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownStage(name, known):
            return "unknown stage '\(name)'; known stages: \(known.joined(separator: ", "))"
        case let .unknownFigure(name, known):
            return "unknown figure '\(name)'; known figures: \(known.joined(separator: ", "))"
        case let .unwritableOutput(path, reason):
            return "cannot write to output folder \(path): \(reason)"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        case let .duplicate(what, name):
            return "duplicate \(what) '\(name)'"
        case let .invalidName(what, name):
            return "invalid \(what) '\(name)': use letters, digits, '.', '_' and '-' (not starting with '.')"
        case let .configEncoding(stage, reason):
            return "cannot encode the config of stage '\(stage)': \(reason)"
        case let .invalidShard(text):
            return "invalid shard '\(text)': use K/N with 1 ≤ K ≤ N, e.g. --shard 2/4"
        case let .lockFailed(path, reason):
            return "cannot lock the cache (\(path)): \(reason)"
        }
    }
}
