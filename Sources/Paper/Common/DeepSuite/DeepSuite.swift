import Foundation
import FlowCore

/// Runs the deep-flow comparison of Examples 6 and 7: per problem × method a learning-rate search
/// on seed 0 (pick by validation loss at the final depth), then the other seeds at the chosen rate.
///
/// All trainings are independent jobs run on `config.workers` threads, longest first; each job owns a
/// generator hashed from the stage seed and its coordinates, so results are bit-identical for any
/// number of workers, and each is cached on its own (`DeepJobExecution`).
public enum DeepSuite {
    /// The source a deep training job runs: its cache key covers these, and nothing of the stages'
    /// prose, checks or figures (paths relative to the package root).
    /// Derived from this file's folder, so a move keeps them right.
    static let jobSources = ["Sources/FlowCore", "Sources/CouplingTheory"]
        + ["DeepJob.swift", "DeepRunConfig.swift", "DeepMethod.swift", "DeepSuite.swift"].map {
            ExampleFolder.relative(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent($0).path)
        }

    /// A problem with its test and validation samples drawn from a generator hashed from `seed`.
    public static func problem(id: String, density: any Density, index: Int, config: DeepRunConfig,
                               seed: UInt64) throws -> DeepProblem {
        var rng = SeededGenerator(seed: splitMix(seed ^ splitMix(UInt64(index) &+ 0xDA7A)))
        let test = try density.sample(count: config.heldOutCount, using: &rng)
        let validation = try density.sample(count: config.validationCount, using: &rng)
        return DeepProblem(id: id, density: density, testSet: test, validationSet: validation)
    }

    /// Runs (or takes from the job cache) every training of the comparison and assembles per-problem
    /// results; returns nil in a `--shard` run, which only fills the cache with its own jobs.
    static func run(problems: [DeepProblem], methods: [DeepMethod], config: DeepRunConfig, seed: UInt64,
                    execution: DeepJobExecution = .local,
                    progress: @escaping @Sendable (Double, String) -> Void = { _, _ in }) throws -> [DeepProblemResult]? {
        try config.validate()
        let search = problems.indices.flatMap { p in
            methods.flatMap { m in config.learningRates.indices.map { searchJob(p, m, $0, config) } }
        }
        let meter = ProgressMeter(total: estimatedCost(search: search, problems: problems.count, methods: methods, config: config),
                                  report: progress)
        // Phase 1: the learning-rate search (seed 0, final depth). Every shard needs all of it.
        let searched = try execution.records(search, needAll: true, problems: problems, config: config, seed: seed, meter: meter)
            .map { $0?.run }
        let chosen = try chooseLearningRates(search: search, searched: searched, problems: problems, methods: methods, config: config)
        // Phase 2: every seed at the chosen rate, reusing seed 0's search run.
        var known: [DeepJob: DeepRun] = [:]
        for (job, r) in zip(search, searched) where r != nil && chosen[key(job.problem, job.method)] == job.lrIndex { known[job] = r }
        let rest = seedJobs(problems: problems.count, methods: methods, chosen: chosen, config: config).filter { known[$0] == nil }
        let records = try execution.records(rest, needAll: execution.shard == nil, problems: problems, config: config,
                                            seed: seed, meter: meter)
        execution.log("training jobs: \(meter.trainedJobs) trained, \(meter.cachedJobs) from the job cache")
        if execution.shard != nil { return nil }
        for (job, record) in zip(rest, records) {
            guard let r = record?.run else {
                throw DeepStageError.diverged(problem: problems[job.problem].id, method: job.method.rawValue,
                                              seed: job.seedIndex, learningRate: config.learningRates[job.lrIndex])
            }
            known[job] = r
        }
        return try problems.indices.map { p in
            try assemble(problem: p, problems: problems, methods: methods, config: config, chosen: chosen,
                         known: known, search: search, searched: searched)
        }
    }

    /// The index of the learning rate with the lowest validation loss at the final depth, per
    /// (problem, method) key; diverged runs count as +∞.
    static func chooseLearningRates(search: [DeepJob], searched: [DeepRun?], problems: [DeepProblem],
                                    methods: [DeepMethod], config: DeepRunConfig) throws -> [DeepJob: Int] {
        var chosen: [DeepJob: Int] = [:]
        for p in problems.indices {
            for m in methods {
                let vals = config.learningRates.indices.map { searched[search.firstIndex(of: searchJob(p, m, $0, config))!]?.validationLoss ?? .infinity }
                guard let best = vals.indices.min(by: { vals[$0] < vals[$1] }), vals[best].isFinite else {
                    throw DeepStageError.allLearningRatesDiverged(problem: problems[p].id, method: m.rawValue)
                }
                chosen[key(p, m)] = best
            }
        }
        return chosen
    }

    /// Total estimated block-steps of both phases, for progress reporting.
    static func estimatedCost(search: [DeepJob], problems: Int, methods: [DeepMethod], config c: DeepRunConfig) -> Double {
        let perSeed = methods.reduce(0.0) { acc, m in
            acc + (m == .e2e ? c.endToEndDepths.reduce(0.0) { $0 + DeepJob(problem: 0, method: m, lrIndex: 0, seedIndex: 0, endToEndDepth: $1).cost(c) }
                             : DeepJob(problem: 0, method: m, lrIndex: 0, seedIndex: 0).cost(c))
        }
        return search.reduce(0) { $0 + $1.cost(c) } + perSeed * Double(problems * c.seeds)
    }

    static func key(_ p: Int, _ m: DeepMethod) -> DeepJob { DeepJob(problem: p, method: m, lrIndex: 0, seedIndex: 0) }

    static func searchJob(_ p: Int, _ m: DeepMethod, _ lr: Int, _ c: DeepRunConfig) -> DeepJob {
        DeepJob(problem: p, method: m, lrIndex: lr, seedIndex: 0, endToEndDepth: m == .e2e ? c.depth : nil)
    }

    /// Every job of every seed at the chosen learning rates (end-to-end: one job per depth).
    static func seedJobs(problems: Int, methods: [DeepMethod], chosen: [DeepJob: Int], config c: DeepRunConfig) -> [DeepJob] {
        (0..<problems).flatMap { p in
            methods.flatMap { m in
                (0..<c.seeds).flatMap { s -> [DeepJob] in
                    let lr = chosen[key(p, m)]!
                    if m == .e2e { return c.endToEndDepths.map { DeepJob(problem: p, method: m, lrIndex: lr, seedIndex: s, endToEndDepth: $0) } }
                    return [DeepJob(problem: p, method: m, lrIndex: lr, seedIndex: s)]
                }
            }
        }
    }
}
