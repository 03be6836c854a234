import CouplingTheory
import FlowCore
import Foundation

/// Does Δ̂ rank rotations the way training does? Candidates run from the oracle rotation Q* to
/// (almost) random ones: candidate c is Q* followed by a Givens rotation on every axis pair, in a
/// shuffled order, each by an angle uniform in ±σ_c with σ_c = maxPerturbationDeg·c/(n−1). Every
/// candidate gets its held-out Δ̂ and one affine coupling trained with that rotation; Theorem 1 says
/// the achieved held-out loss decrease follows Δ, so the two rankings should agree.
enum CandidateRanking {
    struct Config: Codable, Sendable, Equatable {
        var candidates: Int
        var maxPerturbationDeg: Double
        var steps: Int
        var batchSize: Int
        var hiddenWidths: [Int]
        var learningRate: Double
        /// The learning rate is multiplied by this after each third of the steps (1: constant).
        var decayFactor: Double
        /// A training counts as converged when its mean training loss over the last 10 % of steps
        /// is within this many nats of the mean over the 10 % before.
        var convergenceTolerance: Double
    }

    /// One candidate's outcome.
    struct Outcome: Codable, Sendable, Equatable {
        var perturbationDeg: Double
        var delta: Double
        /// Held-out ML loss of the identity minus that after the trained coupling.
        var trainedDecrease: Double
        var trainingLoss: [Double]
    }

    /// Candidate c's rotation (its own generator: independent of the other candidates).
    static func rotation(_ c: Int, oracle: Matrix, config: Config, using rng: inout SeededGenerator) -> Matrix {
        let d = oracle.rows
        let sigma = config.candidates > 1 ? config.maxPerturbationDeg * Double(c) / Double(config.candidates - 1) : 0
        var pairs: [(Int, Int)] = []
        for i in 0..<d { for j in (i + 1)..<d { pairs.append((i, j)) } }
        for i in stride(from: pairs.count - 1, to: 0, by: -1) { pairs.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        var q = oracle
        for (i, j) in pairs { q = GeneralOAS.givens(q, i, j, rng.uniform(-sigma, sigma)) }
        return q
    }

    /// Δ̂ of the candidate on `eval`, and one coupling with that rotation trained on `train`.
    static func evaluate(_ c: Int, oracle: Matrix, train: Matrix, test: Matrix, eval: Matrix, passive: Int,
                         estimator: DeltaEstimator, config: Config, using rng: inout SeededGenerator) throws -> Outcome {
        let q = rotation(c, oracle: oracle, config: config, using: &rng)
        let delta = try SampleDelta.estimate(samples: eval, rotation: q, passiveDimension: passive, estimator: estimator)
        var flow = try Flow(dimension: train.cols)
        try flow.appendBlock(rotation: q, passiveCount: passive, hiddenWidths: config.hiddenWidths, using: &rng)
        var source = try DatasetSource(data: train)
        let training = TrainingConfig(steps: config.steps, batchSize: min(config.batchSize, train.rows),
                                      adam: AdamConfig(learningRate: config.learningRate),
                                      schedule: StepDecay(gamma: config.decayFactor, every: max(1, config.steps / 3)))
        let history = try FlowTrainer.train(&flow, source: &source, config: training, using: &rng)
        let before = try SubspaceFlows.nll(try Flow(dimension: train.cols), test), after = try SubspaceFlows.nll(flow, test)
        let sigma = config.candidates > 1 ? config.maxPerturbationDeg * Double(c) / Double(config.candidates - 1) : 0
        return Outcome(perturbationDeg: sigma, delta: delta, trainedDecrease: before - after, trainingLoss: history)
    }

    /// Whether the tail of a training-loss trace is flat (see `Config.convergenceTolerance`).
    static func converged(_ history: [Double], tolerance: Double) -> Bool {
        let n = history.count, w = max(1, n / 10)
        guard n >= 2 * w else { return false }
        let mean = { (r: Range<Int>) in history[r].reduce(0, +) / Double(r.count) }
        return mean((n - 2 * w)..<(n - w)) - mean((n - w)..<n) <= tolerance
    }
}
