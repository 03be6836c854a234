import Foundation
import Report

/// Where a deep stage's jobs come from and go to: the per-job cache, and (in a `--shard K/N` run)
/// which jobs this process owns.
///
/// Every job is looked up in the cache first. Jobs to run are claimed before they start, so two
/// processes sharing the cache (shards, possibly on several hosts) never train the same job at
/// once; a job another live process has claimed is waited for, an unclaimed one is run here.
/// Results do not depend on who ran a job: each job's generator is hashed from its coordinates.
struct DeepJobExecution: Sendable {
    var store: JobStore?
    var shard: Shard?
    var log: @Sendable (String) -> Void = { _ in }
    /// Seconds between looks at the cache while waiting for another process's jobs.
    var pollInterval: TimeInterval = 2
    /// Called once per job this process trained (not for cache hits): lets a stage that reads another
    /// stage's jobs (ex8 reads ex7's) report how many it had to train.
    var onTrained: (@Sendable () -> Void)? = nil

    /// Without a cache and shard: every job runs here.
    static let local = DeepJobExecution(store: nil, shard: nil)

    /// The records of `jobs` (in order). With `needAll` false (a shard's second phase), jobs owned by
    /// other shards are neither run nor waited for and come back nil.
    func records(_ jobs: [DeepJob], needAll: Bool, problems: [DeepProblem], config: DeepRunConfig, seed: UInt64,
                 meter: ProgressMeter) throws -> [DeepJobRecord?] {
        let keys = try jobs.map { job -> String? in
            try store?.key(for: job.description(problems: problems, config: config, stageSeed: seed))
        }
        var out = keys.map { key in key.flatMap { store?.load(DeepJobRecord.self, key: $0) } }
        for (i, job) in jobs.enumerated() where out[i] != nil { meter.finished(job: job.cost(config), trained: false, message: "cached") }
        // First this process's own jobs (all of them without a shard), longest first.
        let mine = jobs.indices.filter { out[$0] == nil && (shard == nil || keys[$0].map { shard!.owns(key: $0) } ?? true) }
        try run(mine, jobs: jobs, keys: keys, into: &out, problems: problems, config: config, seed: seed, meter: meter)
        guard needAll else { return out }
        // Then the rest: run what nobody has claimed, wait for what another process is running.
        var waitingSince: Date?
        while true {
            for i in jobs.indices where out[i] == nil {
                out[i] = keys[i].flatMap { store?.load(DeepJobRecord.self, key: $0) }
                if out[i] != nil { meter.finished(job: jobs[i].cost(config), trained: false, message: "from another process") }
            }
            let missing = jobs.indices.filter { out[$0] == nil }
            if missing.isEmpty { return out }
            let free = missing.filter { i in !(keys[i].map { store?.isClaimedByOther($0) ?? false } ?? false) }
            if !free.isEmpty {
                try run(free, jobs: jobs, keys: keys, into: &out, problems: problems, config: config, seed: seed, meter: meter)
                // A job claimed by another stage of this same process (ex8 reading ex7's jobs while ex7
                // runs them) cannot be claimed and counts as free: wait for it instead of spinning.
                if free.allSatisfy({ out[$0] == nil }) { Thread.sleep(forTimeInterval: pollInterval) }
                continue
            }
            if waitingSince == nil || Date().timeIntervalSince(waitingSince!) > 60 {
                log("waiting for \(missing.count) job(s) claimed by other processes sharing the cache")
                waitingSince = Date()
            }
            Thread.sleep(forTimeInterval: pollInterval)
        }
    }

    /// Runs the jobs at `indices` on the workers (each claimed first; skipped if another process
    /// holds it) and stores every result in the cache.
    private func run(_ indices: [Int], jobs: [DeepJob], keys: [String?], into out: inout [DeepJobRecord?],
                     problems: [DeepProblem], config: DeepRunConfig, seed: UInt64, meter: ProgressMeter) throws {
        let order = indices.sorted { jobs[$0].cost(config) > jobs[$1].cost(config) }
        let done = try ParallelJobs.run(count: order.count, workers: config.workers) { k -> DeepJobRecord? in
            let i = order[k], job = jobs[i]
            if let key = keys[i], let store {
                if let cached = store.load(DeepJobRecord.self, key: key) {
                    meter.finished(job: job.cost(config), trained: false, message: "from another process")
                    return cached
                }
                guard store.claim(key) else { return nil }
            }
            let run = try job.run(problem: problems[job.problem], config: config,
                                  learningRate: config.learningRates[job.lrIndex], stageSeed: seed)
            let record = DeepJobRecord(run: run)
            if let key = keys[i], let store { try store.store(record, key: key) }
            onTrained?()
            meter.finished(job: job.cost(config), trained: true, message: "\(problems[job.problem].id) \(job.method.label)")
            return record
        }
        for (k, i) in order.enumerated() { out[i] = done[k] ?? nil }
    }
}

extension DeepJobExecution {
    /// The execution a stage context asks for: its job cache, its shard, its log.
    init(_ context: StageContext) {
        self.init(store: context.jobs, shard: context.shard, log: { context.log($0) })
    }
}
