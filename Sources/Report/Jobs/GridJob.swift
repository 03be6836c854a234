/// A job of a `JobGrid`: a value that says everything its result depends on.
///
/// The job itself is its typed key: the grid dedupes and returns results by it, and its canonical JSON
/// (with the digest of the code jobs run, `JobStore`) names its file in the job cache. Results must not
/// depend on which worker or process runs a job, so a job owns its generator's seed.
public protocol GridJob: Codable, Hashable, Sendable {
    associatedtype Output: Codable & Sendable
    /// What kind of work this is, for progress displays.
    var kind: JobKind { get }
    /// Its relative cost (any unit, the same for all jobs of a grid): long jobs start first, and
    /// progress is counted in it.
    var cost: Double { get }
    /// One short line naming the job, for log lines.
    var label: String { get }
}

/// The kind of a job for progress displays: its method, its depth and its training steps.
public struct JobKind: Codable, Hashable, Sendable {
    public var method: String
    public var depth: Int
    public var steps: Int

    public init(method: String, depth: Int, steps: Int) {
        self.method = method; self.depth = depth; self.steps = steps
    }
}

/// A number of jobs and their summed cost.
public struct WorkAmount: Sendable, Equatable {
    public var jobs: Int
    public var cost: Double

    public init(jobs: Int = 0, cost: Double = 0) {
        self.jobs = jobs; self.cost = cost
    }
}

/// One finished job, as a grid reports it.
public struct JobEvent: Sendable {
    /// Where the result came from.
    public enum Source: String, Sendable {
        /// The job cache, when the grid looked first.
        case cache
        /// Trained by this process.
        case trained
        /// The job cache, written meanwhile by another process (a shard, or another stage's grid).
        case otherProcess
    }

    public var kind: JobKind
    /// The job's relative cost (`GridJob.cost`).
    public var cost: Double = 0
    public var label: String
    public var source: Source
    /// CPU seconds of the thread that ran the job (recorded with cached results); nil if unknown.
    public var cpuSeconds: Double?
    /// Jobs of this grid finished so far, and all it knows of (run, or announced for later).
    public var finished: Int
    public var total: Int
    /// Finished share of the known work, weighted by cost.
    public var fraction: Double
    /// Which grid (or `WorkUnits` counter) of this process reported it: the counts and pending work are that grid's.
    public var grid: Int = 0
    /// The grid's jobs seen and not finished yet, by kind.
    public var pending: [JobKind: WorkAmount] = [:]
    /// Jobs the grid was told to expect but has not seen yet (their kinds are not known).
    public var announced = WorkAmount()
}
