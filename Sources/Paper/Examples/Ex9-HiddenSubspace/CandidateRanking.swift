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
        var hiddenWidths: [Int]
        /// Each candidate's coupling: its steps, batch and rate (decaying at each third), and when its
        /// training counts as converged (its training loss flat over the last tenth of the steps).
        var training: TrainingPlan
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
        var data = try FixedSamples(train)
        let fitter = TrainedBlockFitter(architecture: CouplingArchitecture(passiveCount: passive, hiddenWidths: config.hiddenWidths, clamp: .none),
                                        training: config.training, scope: .layerwise(pool: train.rows))
        let history = try fitter.extend(&flow, rotation: q, data: &data, validation: nil, using: &rng).trainingLoss
        let before = try SubspaceFlows.nll(try Flow(dimension: train.cols), test), after = try SubspaceFlows.nll(flow, test)
        let sigma = config.candidates > 1 ? config.maxPerturbationDeg * Double(c) / Double(config.candidates - 1) : 0
        return Outcome(perturbationDeg: sigma, delta: delta, trainedDecrease: before - after, trainingLoss: history)
    }
}
