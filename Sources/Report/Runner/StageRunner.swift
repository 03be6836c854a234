import Foundation

/// Runs stages in parallel with caching and failure isolation, then writes the report.
///
/// A pipeline that reads as a list: each stage is looked up in the cache, run if stale, its
/// figures published, and its result recorded; a throwing stage becomes a failed result and
/// never stops the others.
public struct StageRunner: Sendable {
    public let stages: [any Stage]
    public let layout: OutputLayout
    public let printer: ProgressPrinter
    /// The paper's statements, for the claims scoreboard of the report.
    public var statements: [PaperStatement] = []
    /// SHA-256 of the claim table, printed in the report (nil: none).
    public var claimTableDigest: String?
    /// Receives every finished job of every stage (stage id, event), for progress displays.
    public var jobEvents: (@Sendable (String, JobEvent) -> Void)?
    /// Runs every stage at `SeedOffset.seed(of:offset:)` (0: the stages' own seeds). The seed is part of
    /// every cache key, so lookups, `list` and `prune` see only the entries of this offset.
    public var seedOffset: UInt64 = 0
    let keyer = CacheKeyer()

    /// Validates ids and figure names (no duplicates) and remembers where to write.
    public init(stages: [any Stage], layout: OutputLayout, printer: ProgressPrinter) throws {
        var ids = Set<String>(), figures = Set<String>()
        for stage in stages {
            try Self.validateName(stage.id, what: "stage id")
            guard ids.insert(stage.id).inserted else { throw ReportError.duplicate(what: "stage id", name: stage.id) }
            for name in stage.figureNames {
                try Self.validateName(name, what: "figure name")
                guard figures.insert(name).inserted else { throw ReportError.duplicate(what: "figure", name: name) }
            }
        }
        self.stages = stages
        self.layout = layout
        self.printer = printer
    }

    var cache: StageCache {
        let printer = self.printer
        return StageCache(layout: layout, warn: { printer.line($0) })
    }

    /// Runs the selected stages, writes results.json, index.md and index.html, and returns the document.
    /// While it runs, the report is rewritten after every finished stage with placeholders for the others
    /// (`FillInReport`, unless `options.partialReports` is off); the last write is the complete report.
    public func runReport(options: RunOptions) throws -> ReportDocument {
        let selected = try select(options.only)
        try options.parameters.check(against: stages)
        try layout.prepare()
        let lock = try lockCache(.exclusive)
        defer { lock.release() }
        layout.removeLeftovers(holdingExclusiveLock: true)
        let assembly = ReportAssembly(
            profile: options.profile,
            provenance: Provenance.collect(repository: options.repository ?? layout.root, extra: options.extraProvenance),
            statements: statements, claimTableDigest: claimTableDigest, parameters: options.parameters)
        let report = FillInReport(stages: stages.map { ($0.id, $0.title) }, assembly: assembly, writer: ReportWriter(layout: layout),
                                  printer: printer, enabled: options.partialReports)
        for index in stages.indices where !selected.contains(stages[index].id) {
            report.settle(index, cachedResult(stages[index], profile: options.profile, parameters: options.parameters[stages[index].id]))
        }
        let jobs = stages.indices.filter { selected.contains(stages[$0].id) }
        // `--jobs` stages at once, all sharing one budget of `--threads` compute threads with their jobs.
        let budget = WorkerBudget(limit: options.threads)
        let started = TicketCounter()
        try WorkerPool.run(count: jobs.count, threads: options.jobs, budget: budget) { job in
            let index = jobs[job], stage = stages[index]
            let label = "[\(started.next())/\(jobs.count)]"
            report.started(index)
            report.finished(index, runOne(stage, label: label, profile: options.profile, parameters: options.parameters[stage.id],
                                          force: options.force, budget: budget, onNews: { report.refresh() }))
        }
        printer.finish()
        let document = report.complete(generated: Date())
        try ReportWriter(layout: layout).write(document)
        return document
    }

    /// `report --shard K/N`: runs shard K's training jobs of every selected stage that has a job cache,
    /// one stage after another (each stage spreads its jobs over the `--threads` budget), and writes no report.
    /// Stages without jobs are left to the assembling run. Returns the ids of stages whose shard failed.
    public func runShard(options: RunOptions) throws -> [String] {
        guard let shard = options.shard else { return [] }
        let selected = try select(options.only)
        try options.parameters.check(against: stages)
        try layout.prepare()
        let lock = try lockCache(.shared)
        defer { lock.release() }
        layout.removeLeftovers(holdingExclusiveLock: false)
        let sharded = stages.filter { selected.contains($0.id) && !$0.jobSourceDependencies.isEmpty }
        let budget = WorkerBudget(limit: options.threads)
        var failed: [String] = []
        for (i, stage) in sharded.enumerated() {
            let label = "[\(i + 1)/\(sharded.count)]"
            let error = budget.withPermit {
                runShard(stage, label: label, profile: options.profile, parameters: options.parameters[stage.id], shard: shard, budget: budget)
            }
            if error != nil { failed.append(stage.id) }
        }
        printer.finish()
        return failed
    }

    /// Fresh/stale state of every stage for `profile`.
    public func statuses(profile: Profile) -> [StageStatus] {
        stages.map { stage in
            // Verified like a run would (a damaged entry is stale), but without a "recomputing" warning.
            let fresh = (try? stage.configJSON(for: profile)).map {
                if case .success? = cache.inspect(stageID: stage.id, key: keyer.key(for: stage, seed: seed(of: stage), profile: profile, configJSON: $0)) {
                    return true
                }
                return false
            } ?? false
            return StageStatus(id: stage.id, title: stage.title, figureNames: stage.figureNames, fresh: fresh)
        }
    }

    /// Regenerates figure `name` by running only its stage (from the cache when fresh).
    /// Returns the stage result; its `figures` lists the published files.
    public func regenerateFigure(_ name: String, profile: Profile, force: Bool = false) throws -> StageResult {
        guard let stage = stages.first(where: { $0.figureNames.contains(name) }) else {
            throw ReportError.unknownFigure(name, known: stages.flatMap(\.figureNames))
        }
        try layout.prepare()
        let lock = try lockCache(.exclusive)
        defer { lock.release() }
        layout.removeLeftovers(holdingExclusiveLock: true)
        let budget = WorkerBudget(limit: WorkerBudget.cores)
        let result = budget.withPermit { runOne(stage, label: "[1/1]", profile: profile, force: force, budget: budget) }
        printer.finish()
        return result
    }

    /// Takes the cache lock (see `CacheLock` for who takes which mode), printing a line if it has to wait.
    func lockCache(_ mode: CacheLock.Mode) throws -> CacheLock {
        let printer = self.printer
        return try CacheLock.acquire(mode, layout: layout, waiting: { printer.line($0) })
    }

    /// Ids and figure names become file names: letters, digits, `.`, `_`, `-`; not starting with `.`.
    static func validateName(_ name: String, what: String) throws {
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        guard allowed, !name.isEmpty, !name.hasPrefix(".") else {
            throw ReportError.invalidName(what: what, name: name)
        }
    }

    /// The set of stage ids to run; throws for an unknown id.
    func select(_ only: [String]) throws -> Set<String> {
        let known = stages.map(\.id)
        for id in only where !known.contains(id) { throw ReportError.unknownStage(id, known: known) }
        return Set(only.isEmpty ? known : only)
    }
}

/// Hands out 1, 2, 3, … across threads (the stages' `[i/n]` labels as they start, the grids' ids).
final class TicketCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Results filled in by worker threads, one slot per stage.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [StageResult?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: StageResult?) {
        lock.lock(); values[index] = value; lock.unlock()
    }
}

extension StageRunner {
    /// The seed `stage` runs at in this runner.
    func seed(of stage: any Stage) -> UInt64 { SeedOffset.seed(of: stage, offset: seedOffset) }
}
