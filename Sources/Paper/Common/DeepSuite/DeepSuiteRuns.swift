import CouplingTheory
import FlowCore
import Report

/// The jobs of one deep-flow comparison and their results: the learning-rate search, the chosen rate
/// per problem × method, and the runs of every seed at it.
struct DeepSuiteRuns {
    var problems: [DeepProblem]
    var methods: [DeepMethod]
    var config: DeepRunConfig
    var seed: UInt64
    var searched = JobResults<DeepJob>()
    /// The index in `config.learningRates` of each pair's chosen rate.
    var chosen: [MethodOnProblem: Int] = [:]
    var trained = JobResults<DeepJob>()

    init(problems: [DeepProblem], methods: [DeepMethod], config: DeepRunConfig, seed: UInt64) {
        self.problems = problems; self.methods = methods; self.config = config; self.seed = seed
    }

    var pairs: [MethodOnProblem] { problems.flatMap { p in methods.map { MethodOnProblem(problem: p.index, method: $0) } } }

    func problem(_ index: Int) -> DeepProblem { problems.first { $0.index == index }! }

    /// The job of a pair at learning rate index `lr`, seed `s`, depth `d`.
    func job(_ pair: MethodOnProblem, lr: Int, seed s: Int, depth d: Int) -> DeepJob {
        config.job(problem(pair.problem), pair.method, learningRate: config.learningRates[lr], seed: s, depth: d, stageSeed: seed)
    }

    /// Seed 0 of every pair at every learning rate, at the final depth.
    func searchJobs() -> [DeepJob] { pairs.flatMap(searchJobs) }

    /// Seed 0 of `pair` at every learning rate, at the final depth.
    func searchJobs(_ pair: MethodOnProblem) -> [DeepJob] {
        config.learningRates.indices.map { job(pair, lr: $0, seed: 0, depth: config.depth) }
    }

    /// Every seed of every pair at its chosen rate (end-to-end: one job per trained depth).
    func seedJobs(chosen: [MethodOnProblem: Int]) -> [DeepJob] { pairs.flatMap { seedJobs($0, lr: chosen[$0]!) } }

    /// Every seed of `pair` at learning rate index `lr` (end-to-end: one job per trained depth).
    func seedJobs(_ pair: MethodOnProblem, lr: Int) -> [DeepJob] {
        (0..<config.seeds).flatMap { s in
            (pair.method == .e2e ? config.endToEndDepths : [config.depth]).map { job(pair, lr: lr, seed: s, depth: $0) }
        }
    }

    /// A pair's jobs by the phase that trained them: the search's, and the seeds' at the chosen rate
    /// without the one the search already ran (seed 0 at the final depth), so each job counts once.
    func jobsByPhase(_ pair: MethodOnProblem) -> (search: [DeepJob], seeds: [DeepJob]) {
        let search = searchJobs(pair), searched = Set(search)
        return (search, seedJobs(pair, lr: chosen[pair]!).filter { !searched.contains($0) })
    }

    /// The CPU seconds of a pair's search and seeds (nil when a job's time is missing).
    func cost(_ pair: MethodOnProblem) -> TrainingCost? {
        let (search, seeds) = jobsByPhase(pair)
        let searchSeconds = search.compactMap(searched.cpuSeconds), seedSeconds = seeds.compactMap(trained.cpuSeconds)
        guard searchSeconds.count == search.count, seedSeconds.count == seeds.count else { return nil }
        return TrainingCost(search: searchSeconds.reduce(0, +), seeds: seedSeconds.reduce(0, +))
    }

    /// The validation loss at the final depth of each searched rate (+∞ where the run diverged).
    func validationByRate(_ pair: MethodOnProblem) throws -> [Double] {
        try searchJobs(pair).map { try searched.output(of: $0).run?.validationLoss ?? .infinity }
    }

    /// The validation loss of each searched rate after the first `EarlyRanking.fraction` of its run
    /// (+∞ where the run diverged or has no point that early).
    func earlyValidationByRate(_ pair: MethodOnProblem) throws -> [Double] {
        try searchJobs(pair).map { job in
            guard let run = try searched.output(of: job).run else { return .infinity }
            return EarlyRanking.validationLoss(after: EarlyRanking.fraction, traces: run.traces, stepsPerTrace: job.training.steps) ?? .infinity
        }
    }

    /// The index of the lowest finite loss (the first of equals); nil when none is finite.
    static func lowest(_ losses: [Double]) -> Int? {
        losses.indices.filter { losses[$0].isFinite }.min { losses[$0] < losses[$1] }
    }

    /// The rate with the lowest validation loss at the final depth, per pair.
    func chooseLearningRates() throws -> [MethodOnProblem: Int] {
        var chosen: [MethodOnProblem: Int] = [:]
        for pair in pairs {
            guard let best = Self.lowest(try validationByRate(pair)) else {
                throw DeepStageError.allLearningRatesDiverged(problem: problem(pair.problem).id, method: pair.method.rawValue)
            }
            chosen[pair] = best
        }
        return chosen
    }

    /// The run of a trained job at a chosen rate; a divergence there stops the stage.
    func run(_ job: DeepJob) throws -> (run: DeepRun, cpuSeconds: Double?) {
        guard let run = try trained.output(of: job).run else {
            throw DeepStageError.diverged(problem: job.problem, method: job.method.rawValue, seed: job.seedIndex, learningRate: job.learningRate)
        }
        return (run, trained.cpuSeconds(of: job))
    }
}
