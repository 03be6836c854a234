import CouplingTheory
import Foundation
import Report

/// One data set's outcome: first-layer Δ̂ per seed and the three methods' NLL by depth per seed.
struct SubspaceSetResult: Sendable {
    let id: String
    let depth: Int
    let firstLayer: [FirstLayerDeltas]
    /// Per seed, NLL at depths 0…L (index = depth); E2E has NaN where no flow of that depth was trained.
    let nll: [DeepMethod: [[Double]]]
    /// Seed 0's training-loss traces: per block (layer-wise) or per E2E depth.
    let seedZeroTraces: [DeepMethod: [[Double]]]
    /// Seed 0's layer-wise general-OAS searches: held-out Δ̂ of the chosen rotation and of its random start.
    let seedZeroChosenDelta: [Double]
    let seedZeroStartDelta: [Double]

    static let methods: [DeepMethod] = [.lwOAS, .lwRND, .e2e]

    /// Mean over seeds of the NLL at each depth.
    func meanNLL(_ m: DeepMethod) -> [Double] { DeepStatistics.mean(nll[m] ?? []) }

    var generalOAS: MonteCarloEstimate { MonteCarloEstimate(samples: firstLayer.map(\.generalOAS)) }
    var bestRandom: MonteCarloEstimate { MonteCarloEstimate(samples: firstLayer.map(\.bestRandom)) }
    /// Per seed Δ̂(general) − Δ̂(best random): paired, so the SE of the difference is the honest one.
    var advantage: MonteCarloEstimate { MonteCarloEstimate(samples: firstLayer.map { $0.generalOAS - $0.bestRandom }) }
    var oracle: MonteCarloEstimate? {
        let v = firstLayer.compactMap(\.oracle)
        return v.count == firstLayer.count && !v.isEmpty ? MonteCarloEstimate(samples: v) : nil
    }
}

/// Everything Example 9 computed.
struct Example9Result: Sendable {
    let sets: [SubspaceSetResult]
    let candidates: [CandidateRanking.Outcome]
    /// Best 2D OAS angle and its (binned) Δ̂ for each toy of the hidden set.
    let pairAngles: [Double]
    let pairDeltas: [Double]
    /// When a candidate's training counts as converged (on its training-loss history).
    let convergence: ConvergenceRule

    var hidden: SubspaceSetResult { sets[0] }
    var real: SubspaceSetResult { sets[1] }
    var spearman: Double? { RankCorrelation.spearman(candidates.map(\.delta), candidates.map(\.trainedDecrease)) }
    var convergedFraction: Double {
        let ok = candidates.filter { convergence.isConverged(history: $0.trainingLoss) }.count
        return Double(ok) / Double(max(candidates.count, 1))
    }
}
