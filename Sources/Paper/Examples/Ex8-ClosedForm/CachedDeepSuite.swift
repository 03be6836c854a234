import CouplingTheory
import Foundation
import Report

/// Reads another deep stage's trained comparison (ex6's square, ex7's toys) from that stage's job
/// cache instead of retraining it: the same problems, config and stage seed as that stage, on a grid
/// over its job folder, so every job is a cache hit when that stage has run. A missing job is trained
/// here (claimed, like the stage itself would) and counted.
struct CachedDeepSuite {
    /// The stage whose jobs are read, its methods, its run config for this profile and its seed.
    var stageID: String
    var methods: [DeepMethod]
    var config: DeepRunConfig
    var seed: UInt64

    /// The comparison's runs (assemble them once every stage read has trained) and how many of its jobs
    /// had to be trained here.
    func train(problems: [DeepProblem], context: StageContext) throws -> (runs: DeepSuiteRuns, trained: Int) {
        // Same code digest as the owning stage: both declare `DeepSuite.jobSources` as job sources.
        let grid = JobGrid(store: context.jobs?.forStage(stageID), shard: context.shard, budget: context.workers,
                           log: { [stageID] in context.log("\(stageID) jobs: \($0)") }, onCounted: { context.report($0) },
                           onJobFinished: context.jobFinished)
        let runs = try DeepSuite.train(problems: problems, methods: methods, config: config, seed: seed, grid: grid)
        let trained = grid.counts.trained
        if trained > 0 { context.log("\(trained) job(s) of \(stageID) were missing from its cache and were trained here") }
        return (runs, trained)
    }
}
