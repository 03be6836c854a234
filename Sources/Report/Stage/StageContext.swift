import Foundation

/// The image formats a stage can write a figure in.
public enum FigureFileFormat: String, Sendable, CaseIterable {
    case png, svg, pdf
}

/// What a running stage may know about its run: profile, seed, where to write figures, progress.
///
/// Figures are written into a private staging folder; the runner moves them into `figures/`
/// (and the cache) only when the stage succeeds, so a failing or interrupted stage never
/// leaves a half-written figure behind.
public struct StageContext: Sendable {
    /// The profile being run.
    public let profile: Profile
    /// The stage's seed in this run (`Stage.seed`, moved by the run's seed offset), for
    /// `SeededGenerator(seed: context.seed)`.
    public let seed: UInt64
    /// The run's seed offset (`SeedOffset`), for a stage that reads another stage's jobs.
    public let seedOffset: UInt64
    /// The stage's id.
    public let stageID: String
    /// The folder to write figure files into (a staging folder, not the final `figures/`).
    public let figuresDirectory: URL
    /// The per-job cache of this stage (nil when the stage declares no `jobSourceDependencies`,
    /// or in tests that run a stage directly).
    public let jobs: JobStore?
    /// Set in a `report --shard K/N` run: the stage runs only this shard's jobs into `jobs`
    /// (and may return an empty output, which is not cached).
    public let shard: Shard?
    /// The run's compute threads, shared by every stage and job of the run (`JobGrid` uses it).
    public let workers: WorkerBudget
    /// Receives every job a grid of this stage finished (from the cache or trained), for progress displays.
    public let jobFinished: @Sendable (JobEvent) -> Void
    /// Progress in [0, 1] and a message (nil: keep the last one).
    private let reportProgress: @Sendable (Double, String?) -> Void
    private let reportLine: @Sendable (String) -> Void
    /// The state of a job grid or `WorkUnits` counter of the stage, for its status line.
    private let reportWork: @Sendable (WorkUpdate) -> Void

    /// Creates a context; normally only the runner (and tests) do this.
    public init(profile: Profile, seed: UInt64, seedOffset: UInt64 = 0, stageID: String, figuresDirectory: URL,
                jobs: JobStore? = nil, shard: Shard? = nil, workers: WorkerBudget = WorkerBudget(limit: WorkerBudget.cores),
                progress: @escaping @Sendable (Double, String?) -> Void = { _, _ in },
                log: @escaping @Sendable (String) -> Void = { _ in },
                jobFinished: @escaping @Sendable (JobEvent) -> Void = { _ in },
                work: @escaping @Sendable (WorkUpdate) -> Void = { _ in }) {
        self.profile = profile
        self.seed = seed
        self.seedOffset = seedOffset
        self.stageID = stageID
        self.figuresDirectory = figuresDirectory
        self.jobs = jobs
        self.shard = shard
        self.workers = workers
        self.jobFinished = jobFinished
        self.reportProgress = progress
        self.reportLine = log
        self.reportWork = work
    }

    /// The seed `other` runs at in this run (for reading the jobs another stage trained).
    public func seed(of other: any Stage) -> UInt64 { SeedOffset.seed(of: other, offset: seedOffset) }

    /// Prints one line to the run's log (above the progress bar), e.g. "waiting for 3 jobs of other shards".
    public func log(_ line: String) { reportLine(line) }

    /// Reports progress in [0, 1] (clamped) with a short message; drives the ETA on a terminal.
    /// Cheap (a lock and a dictionary write), but call it per epoch or batch, not per sample.
    public func progress(fraction: Double, message: String = "") {
        reportProgress(Self.clamped(fraction), message)
    }

    /// Moves the progress bar to `fraction` and keeps the message (job grids and work units).
    func advance(to fraction: Double) {
        reportProgress(Self.clamped(fraction), nil)
    }

    /// Reports the state of a job grid (`JobGrid`'s `onCounted`, before its first job finishes) or of a
    /// `WorkUnits` counter, for the stage's status line.
    public func report(_ update: WorkUpdate) {
        reportWork(update)
    }

    static func clamped(_ fraction: Double) -> Double {
        fraction.isFinite ? min(max(fraction, 0), 1) : 0
    }

    /// The file to write figure `name` to in `format`, e.g. `<staging>/fig2a.png`.
    public func figureURL(_ name: String, format: FigureFileFormat = .png) -> URL {
        figuresDirectory.appendingPathComponent("\(name).\(format.rawValue)")
    }

    /// The figure's path without extension, for savers that add `.png`/`.svg` themselves
    /// (e.g. PlotCairo's `figure.savePNGAndSVG(base: context.figureBase("fig4"))`).
    public func figureBase(_ name: String) -> URL {
        figuresDirectory.appendingPathComponent(name)
    }

    /// The same as `figureURL(_:format:)` as a file-system path string.
    public func figurePath(_ name: String, format: FigureFileFormat = .png) -> String {
        figureURL(name, format: format).path
    }
}
