import Foundation
import Report

/// Reads another deep stage's trained comparison (ex6's square, ex7's toys) from that stage's job
/// cache instead of retraining it: the same problems, config and stage seed as that stage, and a
/// `JobStore` on its job folder, so every job is a cache hit when that stage has run. A missing job is
/// trained here (with a log line and claims, like the stage itself would) and counted.
struct CachedDeepSuite {
    /// The stage whose jobs are read, its methods, its run config for this profile and its seed.
    var stageID: String
    var methods: [DeepMethod]
    var config: DeepRunConfig
    var seed: UInt64

    /// The comparison, how many of its jobs had to be trained here, and nil in a `--shard` run.
    func read(problems: [DeepProblem], context: StageContext) throws -> (results: [DeepProblemResult]?, trained: Int) {
        // Same code digest as the owning stage: both declare `DeepSuite.jobSources` as job sources.
        let store = context.jobs.map {
            JobStore(directory: $0.directory.deletingLastPathComponent().appendingPathComponent(stageID, isDirectory: true),
                     codeDigest: $0.codeDigest, warn: { context.log($0) })
        }
        let counter = TrainedJobCounter()
        var execution = DeepJobExecution(store: store, shard: context.shard, log: { context.log("\(stageID) jobs: \($0)") })
        execution.onTrained = { counter.increment() }
        let results = try DeepSuite.run(problems: problems, methods: methods, config: config, seed: seed, execution: execution)
        if counter.value > 0 {
            context.log("\(counter.value) job(s) of \(stageID) were missing from its cache and were trained here")
        }
        return (results, counter.value)
    }
}

/// A thread-safe count of trained jobs (jobs run on several worker threads).
final class TrainedJobCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
