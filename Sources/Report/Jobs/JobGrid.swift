import Foundation

/// Which job cache a grid reads and writes.
public enum JobCache: Sendable, Equatable {
    /// None: every job runs (jobs whose code lives outside the libraries a cache key covers).
    case none
    /// The stage's own, `.couplinglab-cache/jobs/<stage>/` (needs `Stage.jobSourceDependencies`).
    case own
    /// Another stage's, to read (and complete) the jobs that stage runs; same code digest needed.
    case ofStage(String)
}

/// Whose jobs a grid run must deliver.
public enum JobScope: Sendable, Equatable {
    /// Every job: in a `--shard` run, jobs of other shards are waited for (or run, if nobody claimed them).
    case all
    /// In a `--shard` run only this shard's jobs (the others' results are left missing); otherwise every job.
    case thisShard
}

/// A stage's jobs: typed keys, the per-job cache with claims, shards, the run's worker budget and a
/// report of every finished job.
///
/// `run` looks every job up in the cache first, then runs this process's jobs (all of them without a
/// shard) longest first on the worker pool, each claimed before it starts (`<key>.claim`, O_EXCL) so
/// that processes sharing the cache never train one job twice, and stored atomically with its SHA-256.
/// A job another live process has claimed is waited for; one nobody claimed is run here. Results do
/// not depend on who ran a job: each job owns its generator. A grid remembers what its earlier runs
/// returned, so a later phase may ask for a job again at no cost.
public final class JobGrid: @unchecked Sendable {
    public let store: JobStore?
    public let shard: Shard?
    public let budget: WorkerBudget
    /// Seconds between looks at the cache while waiting for another process's jobs.
    public var pollInterval: TimeInterval = 2
    /// Prints a line to the run's log.
    public let log: @Sendable (String) -> Void
    let onJobFinished: @Sendable (JobEvent) -> Void
    /// Receives the grid's counts once a run has looked its jobs up, before any of them runs.
    let onCounted: @Sendable (WorkUpdate) -> Void
    /// This grid among the process's grids (the events' `grid`).
    let id = JobGrid.ids.next()
    static let ids = TicketCounter()
    let lock = NSLock()
    /// Orders the counts and events handed to `onCounted` and `onJobFinished` (see `NSLock.compute`).
    let delivery = NSLock()
    var progress = JobGridProgress()
    /// Records of earlier runs, by job.
    var remembered: [AnyHashable: Any] = [:]

    public init(store: JobStore?, shard: Shard?, budget: WorkerBudget, log: @escaping @Sendable (String) -> Void = { _ in },
                onCounted: @escaping @Sendable (WorkUpdate) -> Void = { _ in },
                onJobFinished: @escaping @Sendable (JobEvent) -> Void = { _ in }) {
        self.store = store
        self.shard = shard
        self.budget = budget
        self.log = log
        self.onCounted = onCounted
        self.onJobFinished = onJobFinished
    }

    /// The grid of a running stage: the cache it names, the stage's shard, the run's budget and log.
    /// Every finished job moves the stage's progress bar across `progress` (a part of [0, 1]) and goes
    /// to the context's job report (which also feeds the stage's status line).
    public convenience init(_ context: StageContext, cache: JobCache = .own, progress: ClosedRange<Double> = 0...1) {
        let store: JobStore?
        switch cache {
        case .none: store = nil
        case .own: store = context.jobs
        case .ofStage(let id): store = context.jobs?.forStage(id)
        }
        self.init(store: store, shard: context.shard, budget: context.workers, log: { context.log($0) },
                  onCounted: { context.report($0) }) { event in
            context.advance(to: progress.lowerBound + (progress.upperBound - progress.lowerBound) * event.fraction)
            context.jobFinished(event)
        }
    }

    /// Tells the grid how many jobs, of what total cost, its runs will bring in all — when a later
    /// phase's jobs depend on an earlier one's results — so that progress counts them from the start.
    public func expect(jobs: Int, cost: Double) {
        lock.lock(); defer { lock.unlock() }
        progress.expect(jobs: jobs, cost: cost)
    }

    /// How many jobs came from the cache (this process's or another's) and how many were trained here.
    public var counts: (cached: Int, trained: Int) {
        lock.lock(); defer { lock.unlock() }
        return (progress.cached, progress.trained)
    }

    /// The results of `jobs` (duplicates count once). `work` runs a job; it must be a pure function of
    /// the job (and of data fixed for the whole grid), since its output is cached under the job's key.
    public func run<Job: GridJob>(_ jobs: [Job], scope: JobScope = .all,
                                  _ work: @escaping @Sendable (Job) throws -> Job.Output) throws -> JobResults<Job> {
        var seen = Set<Job>()
        let unique = jobs.filter { seen.insert($0).inserted }
        let keys = try cacheKeys(unique)
        let found = RecordBox<Job>()
        for job in unique {
            if let record = remembered(job) {
                found[job] = record
            } else {
                count(job)
                if let key = keys[job], let record = store?.load(JobRecord<Job.Output>.self, key: key) {
                    found[job] = record
                    finished(job, .cache, cpuSeconds: record.cpuSeconds)
                }
            }
        }
        reportCounts()
        let mine = unique.filter { found[$0] == nil && owns(keys[$0]) }
        try execute(mine, keys: keys, into: found, work)
        if scope == .thisShard && shard != nil { return results(found) }
        try completeOthers(unique, keys: keys, into: found, work)
        return results(found)
    }

    func results<Job: GridJob>(_ found: RecordBox<Job>) -> JobResults<Job> {
        let records = found.all
        lock.lock()
        for (job, record) in records { remembered[AnyHashable(job)] = record }
        lock.unlock()
        return JobResults(records: records, isShardRun: shard != nil)
    }

    func remembered<Job: GridJob>(_ job: Job) -> JobRecord<Job.Output>? {
        lock.lock(); defer { lock.unlock() }
        return remembered[AnyHashable(job)] as? JobRecord<Job.Output>
    }

    func cacheKeys<Job: GridJob>(_ jobs: [Job]) throws -> [Job: String] {
        guard let store else { return [:] }
        return Dictionary(uniqueKeysWithValues: try jobs.map { ($0, try store.key(for: $0)) })
    }

    /// Whether this process runs the job with `key` itself (not another shard's).
    func owns(_ key: String?) -> Bool {
        guard let shard, let key else { return true }
        return shard.owns(key: key)
    }

    func count<Job: GridJob>(_ job: Job) {
        lock.lock(); defer { lock.unlock() }
        progress.add(AnyHashable(job), kind: job.kind, cost: job.cost)
    }

    func reportCounts() {
        lock.compute({ progress.update(source: id, unit: "jobs") }, thenDeliverInOrderThrough: delivery, to: onCounted)
    }

    func finished<Job: GridJob>(_ job: Job, _ source: JobEvent.Source, cpuSeconds: Double?) {
        lock.compute({
            progress.finish(kind: job.kind, cost: job.cost, trained: source == .trained)
            return progress.event(kind: job.kind, cost: job.cost, label: job.label, source: source, cpuSeconds: cpuSeconds, grid: id)
        }, thenDeliverInOrderThrough: delivery, to: onJobFinished)
    }
}

/// Records found or made during a run, written by the worker threads.
final class RecordBox<Job: GridJob>: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [Job: JobRecord<Job.Output>] = [:]

    subscript(job: Job) -> JobRecord<Job.Output>? {
        get { lock.lock(); defer { lock.unlock() }; return records[job] }
        set { lock.lock(); records[job] = newValue; lock.unlock() }
    }

    var all: [Job: JobRecord<Job.Output>] { lock.lock(); defer { lock.unlock() }; return records }
}
