/// A job's result as the cache stores it: the output and the CPU seconds it took.
struct JobRecord<Output: Codable & Sendable>: Codable, Sendable {
    var output: Output
    var cpuSeconds: Double
}

/// The results of a grid run, by job.
public struct JobResults<Job: GridJob>: Sendable {
    let records: [Job: JobRecord<Job.Output>]
    /// A `--shard` run: jobs of other shards are missing on purpose.
    let isShardRun: Bool

    init(records: [Job: JobRecord<Job.Output>], isShardRun: Bool) {
        self.records = records
        self.isShardRun = isShardRun
    }

    /// No results (yet).
    public init() { self.init(records: [:], isShardRun: false) }

    /// The job's output, or nil when it is missing.
    public subscript(job: Job) -> Job.Output? { records[job]?.output }

    /// The job's output. A job missing in a `--shard` run belongs to another shard: this throws
    /// `ShardRunComplete`, which ends the stage's shard run there.
    public func output(of job: Job) throws -> Job.Output {
        if let record = records[job] { return record.output }
        if isShardRun { throw ShardRunComplete() }
        throw JobGridError.missing(job: job.label)
    }

    /// CPU seconds of the thread that ran the job, wherever and whenever that was.
    public func cpuSeconds(of job: Job) -> Double? { records[job]?.cpuSeconds }

    /// How many jobs have a result.
    public var count: Int { records.count }
}

/// Not a failure: a stage of a `couplinglab report --shard K/N` run asked for the results of jobs that
/// other shards own. Its own jobs are in the cache, which is all a shard run does; the runner ends the
/// stage here and counts it as done.
public struct ShardRunComplete: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "this shard's jobs are done; the others belong to other shards" }
}

/// A job grid that cannot give what it was asked for.
public enum JobGridError: Error, CustomStringConvertible, Equatable {
    /// A job has no result although the grid ran it (it was never asked for, or failed).
    case missing(job: String)

    public var description: String {
        switch self {
        case .missing(let job): return "job grid: no result for \(job)"
        }
    }
}
