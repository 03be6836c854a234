import CouplingTheory
import FlowCore

/// One method on one problem: the learning-rate search and the runs of every seed at the chosen rate.
public struct DeepMethodResult: Sendable {
    public var method: DeepMethod
    /// Validation ML loss at the final depth per searched learning rate (seed 0; +∞ = diverged).
    public var validationByLearningRate: [Double]
    public var chosenLearningRate: Double
    /// Validation ML loss per searched rate after the first `EarlyRanking.fraction` of its run (seed 0; +∞ = diverged),
    /// and the rate that ranking would keep: what a first round of successive halving would decide.
    public var earlyValidationByLearningRate: [Double] = []
    public var earlyChosenLearningRate: Double? = nil
    /// Held-out ML loss (log 2π dropped) per seed, per depth 1…L.
    public var heldOutLossBySeed: [[Double]]
    /// Seed 0's flows by depth: every depth for end-to-end, the final flow for the iterative builders
    /// (a layer-wise flow's first d blocks are its depth-d state; a progressive one's are not).
    public var seedZeroFlows: [Int: Flow]
    /// Seed 0's Δ̂ of each chosen OAS rotation (empty for random rotations and end-to-end).
    public var seedZeroDeltas: [Double]
    /// Training runs (one per added block for the iterative builders, one per flow for end-to-end)
    /// over every seed at the chosen rate that meet the convergence criterion, and all of them.
    public var convergedRuns: Int
    public var totalRuns: Int
    /// Seed 0's validation traces (per added block; for end-to-end the final-depth flow's one trace).
    public var seedZeroTraces: [[TracePoint]]
    /// Per seed, per depth 1…L: whether the training run that made that depth converged (the block
    /// added at depth d for the iterative builders, the depth-d flow for end-to-end); nil where not trained.
    public var convergedBySeed: [[Bool?]] = []
    /// CPU seconds of one training run that makes the final-depth model (the end-to-end flow of that depth, or the
    /// whole iterative build), mean over seeds at the chosen rate; nil when a cached record lacks its time.
    public var cpuSecondsPerRun: Double? = nil
    /// What this method cost to train, in CPU seconds (nil when a job's time is missing).
    public var cost: TrainingCost? = nil

    /// The share of training runs that converged.
    public var convergedFraction: Double { totalRuns > 0 ? Double(convergedRuns) / Double(totalRuns) : .nan }

    /// Mean over seeds per depth (NaN at depths a method did not train).
    public var meanLoss: [Double] { DeepStatistics.mean(heldOutLossBySeed) }

    /// Standard error of the seed mean per depth (sample standard deviation / √seeds; NaN for one seed).
    public var standardError: [Double] { DeepStatistics.standardError(heldOutLossBySeed) }

    /// The flow of seed 0 at depth d, when it can be recovered.
    public func seedZeroFlow(depth d: Int) throws -> Flow? {
        if let f = seedZeroFlows[d] { return f }
        guard method.isLayerwise, let full = seedZeroFlows.values.first, d <= full.blocks.count else { return nil }
        return try Flow(dimension: full.dimension, blocks: Array(full.blocks.prefix(d)))
    }
}

/// The CPU seconds of one method's training jobs on one problem: its learning-rate search (seed 0 at
/// every rate), and the seeds' jobs at the chosen rate that the search did not already run. Each job's
/// time is the CPU clock of the thread that trained it, kept with the job in the cache, so a run served
/// from the cache reports what training cost when it happened.
public struct TrainingCost: Sendable, Equatable {
    public var search: Double
    public var seeds: Double
    public var total: Double { search + seeds }

    /// The sum of `costs`, nil when one is missing.
    public static func sum(_ costs: [TrainingCost?]) -> TrainingCost? {
        guard !costs.contains(nil) else { return nil }
        return costs.reduce(TrainingCost(search: 0, seeds: 0)) { TrainingCost(search: $0.search + $1!.search, seeds: $0.seeds + $1!.seeds) }
    }
}

/// All methods on one problem.
public struct DeepProblemResult: Sendable {
    public var id: String
    /// The ML loss of the identity map on the held-out samples (depth 0): mean ½‖x‖².
    public var identityLoss: Double
    public var methods: [DeepMethod: DeepMethodResult]
    /// Held-out samples (for the data histograms of the figures).
    public var testSet: Matrix
}

/// Curves over seeds: mean and standard error per depth (`MonteCarloEstimate`, the package's one
/// mean ± SE), and the range the figures draw as a band.
public enum DeepStatistics {
    /// Element-wise mean of equally long rows.
    public static func mean(_ rows: [[Double]]) -> [Double] { MonteCarloEstimate.columns(rows).map(\.value) }

    /// Element-wise standard error of the mean over rows (+∞ for fewer than two rows).
    public static func standardError(_ rows: [[Double]]) -> [Double] { MonteCarloEstimate.columns(rows).map(\.standardError) }

    /// Element-wise minimum and maximum over rows (the seed band drawn in the figures).
    public static func range(_ rows: [[Double]]) -> (lower: [Double], upper: [Double]) {
        guard let n = rows.first?.count else { return ([], []) }
        return ((0..<n).map { i in rows.map { $0[i] }.min()! }, (0..<n).map { i in rows.map { $0[i] }.max()! })
    }
}
