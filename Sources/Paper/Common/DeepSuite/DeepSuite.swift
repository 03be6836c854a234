import CouplingTheory
import FlowCore
import Foundation
import Report

/// Runs the deep-flow comparison of Examples 6 and 7: per problem × method a learning-rate search
/// on seed 0 (pick by validation loss at the final depth), then the other seeds at the chosen rate.
///
/// Every training is one of the library's `DeepJob`s, run on the stage's `JobGrid`: cached on its own,
/// shared out to `--shard` processes, run longest first on the run's worker budget. Each job owns a
/// generator hashed from the stage seed and its coordinates, so results are bit-identical for any
/// number of workers or shards.
public enum DeepSuite {
    /// The code a deep training job runs, for its cache key: the job and everything it builds live in
    /// these library modules, so nothing of the stages' prose, checks or figures is part of it.
    static let jobSources = ExampleFolder.computeLibraries

    /// A problem with its test and validation samples drawn from a generator hashed from `seed`.
    public static func problem(id: String, density: any Density, index: Int, config: DeepRunConfig, seed: UInt64) throws -> DeepProblem {
        try DeepProblem(id: id, density: density, index: index, heldOutCount: config.heldOutCount,
                        validationCount: config.validationCount, seed: seed)
    }

    /// Trains (or takes from the job cache) every training of the comparison and assembles per-problem
    /// results. In a `--shard` run this throws `ShardRunComplete` once the shard's jobs are done.
    static func run(problems: [DeepProblem], methods: [DeepMethod], config: DeepRunConfig, seed: UInt64,
                    grid: JobGrid) throws -> [DeepProblemResult] {
        try train(problems: problems, methods: methods, config: config, seed: seed, grid: grid).assemble()
    }

    /// Runs both phases on `grid`: the learning-rate search (every shard needs all of it), then every seed
    /// at the chosen rates (in a `--shard` run, only this shard's jobs).
    static func train(problems: [DeepProblem], methods: [DeepMethod], config c: DeepRunConfig, seed: UInt64,
                      grid: JobGrid) throws -> DeepSuiteRuns {
        try c.validate()
        let byIndex = Dictionary(problems.map { ($0.index, $0) }) { first, _ in first }
        let work: @Sendable (DeepJob) throws -> DeepJobOutcome = { job in
            guard let problem = byIndex[job.problemIndex] else { throw DeepStageError.invalidConfig("no problem #\(job.problemIndex)") }
            return try job.run(on: problem)
        }
        var runs = DeepSuiteRuns(problems: problems, methods: methods, config: c, seed: seed)
        let search = runs.searchJobs()
        // The second phase's jobs at the first rate: as many, and as costly, as at the rates it will choose.
        let all = Set(search + runs.seedJobs(chosen: Dictionary(uniqueKeysWithValues: runs.pairs.map { ($0, 0) })))
        grid.expect(jobs: all.count, cost: all.reduce(0) { $0 + $1.cost })
        runs.searched = try grid.run(search, scope: .all, work)
        runs.chosen = try runs.chooseLearningRates()
        runs.trained = try grid.run(runs.seedJobs(chosen: runs.chosen), scope: .thisShard, work)
        let counts = grid.counts
        grid.log("training jobs: \(counts.trained) trained, \(counts.cached) from the job cache")
        return runs
    }
}

/// One method on one problem (by its index): what a learning rate is chosen for.
struct MethodOnProblem: Hashable {
    var problem: Int
    var method: DeepMethod
}
