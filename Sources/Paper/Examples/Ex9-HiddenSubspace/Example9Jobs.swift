import CouplingTheory
import FlowCore
import Foundation

/// One data set of Example 9, prepared before any training: per seed a training and a test matrix.
struct SubspaceDataSet: Sendable {
    let id: String
    let trains: [Matrix]
    let tests: [Matrix]
    let flows: SubspaceFlowConfig
    /// The known best rotation (hidden set only).
    let oracle: Matrix?
}

/// First layer of a data set and seed: general OAS vs the best of its random start, Δ̂ on the test rows.
struct FirstLayerDeltas: Codable, Sendable, Equatable {
    var generalOAS: Double
    var bestRandom: Double
    /// Δ̂ of the oracle rotation (hidden set only).
    var oracle: Double?
    /// Accepted Givens moves of the search.
    var moves: Int
}

/// The independent pieces of work of Example 9. Each owns a generator hashed from the stage seed and
/// its own coordinates, so the results do not depend on the number of workers or their order.
enum Example9Job: Sendable, Equatable {
    case firstLayer(set: Int, seed: Int)
    case layerwise(set: Int, oas: Bool, seed: Int)
    case endToEnd(set: Int, depth: Int, seed: Int)
    case candidate(Int)

    enum Result: Sendable {
        case firstLayer(FirstLayerDeltas)
        case curve(DepthCurve)
        case candidate(CandidateRanking.Outcome)
    }

    /// A distinct code per job for the generator.
    var code: UInt64 {
        switch self {
        case let .firstLayer(s, k): return 0x1_0000 &+ UInt64(s * 100 + k)
        case let .layerwise(s, oas, k): return 0x2_0000 &+ UInt64(s * 10_000 + (oas ? 1000 : 0) + k)
        case let .endToEnd(s, d, k): return 0x3_0000 &+ UInt64(s * 10_000 + d * 100 + k)
        case let .candidate(c): return 0x4_0000 &+ UInt64(c)
        }
    }

    func run(sets: [SubspaceDataSet], ranking: CandidateRanking.Config, seed: UInt64) throws -> Result {
        var rng = SeededGenerator(seed: splitMix(seed ^ splitMix(code)))
        switch self {
        case let .firstLayer(s, k):
            return .firstLayer(try Self.firstLayer(sets[s], seed: k, using: &rng))
        case let .layerwise(s, oas, k):
            let set = sets[s]
            return .curve(try SubspaceFlows.layerwise(train: set.trains[k], test: set.tests[k], oas: oas, config: set.flows, using: &rng))
        case let .endToEnd(s, d, k):
            let set = sets[s]
            return .curve(try SubspaceFlows.endToEnd(train: set.trains[k], test: set.tests[k], depth: d, config: set.flows, using: &rng))
        case let .candidate(c):
            let set = sets[0]
            guard let oracle = set.oracle else { throw DeepStageError.invalidConfig("the candidate ranking needs the hidden set first") }
            return .candidate(try CandidateRanking.evaluate(c, oracle: oracle, train: set.trains[0], test: set.tests[0], eval: set.tests[0],
                                                            passive: set.flows.passive, estimator: set.flows.oas.estimator,
                                                            config: ranking, using: &rng))
        }
    }

    /// The same search twice from the same generator state: with its Givens steps (general OAS) and
    /// without (its start, the best of K random rotations), so both see the same split and candidates.
    static func firstLayer(_ set: SubspaceDataSet, seed k: Int, using rng: inout SeededGenerator) throws -> FirstLayerDeltas {
        let c = set.flows
        let x = try SubspaceFlows.firstRows(set.trains[k], min(c.oasSamples, set.trains[k].rows))
        var startRNG = rng
        var startOnly = c.oas
        startOnly.stepsDeg = []
        let random = try GeneralOAS.search(samples: x, passiveDimension: c.passive, config: startOnly, using: &startRNG)
        let general = try GeneralOAS.search(samples: x, passiveDimension: c.passive, config: c.oas, using: &rng)
        let test = set.tests[k]
        func delta(_ q: Matrix) throws -> Double {
            try SampleDelta.estimate(samples: test, rotation: q, passiveDimension: c.passive, estimator: c.oas.estimator)
        }
        return FirstLayerDeltas(generalOAS: try delta(general.rotation), bestRandom: try delta(random.rotation),
                                oracle: try set.oracle.map(delta), moves: general.moves)
    }

    /// All jobs, the longest first (deep end-to-end flows, then layer-wise flows, candidates, searches).
    static func all(sets: [SubspaceDataSet], seeds: Int, candidates: Int) -> [Example9Job] {
        var jobs: [Example9Job] = []
        for (s, set) in sets.enumerated() {
            for d in set.flows.endToEndDepths.sorted(by: >) where d >= 2 { for k in 0..<seeds { jobs.append(.endToEnd(set: s, depth: d, seed: k)) } }
        }
        for s in sets.indices { for k in 0..<seeds { jobs.append(.layerwise(set: s, oas: true, seed: k)) } }
        for s in sets.indices { for k in 0..<seeds { jobs.append(.layerwise(set: s, oas: false, seed: k)) } }
        jobs += (0..<candidates).map { .candidate($0) }
        for (s, set) in sets.enumerated() where set.flows.endToEndDepths.contains(1) {
            for k in 0..<seeds { jobs.append(.endToEnd(set: s, depth: 1, seed: k)) }
        }
        for s in sets.indices { for k in 0..<seeds { jobs.append(.firstLayer(set: s, seed: k)) } }
        return jobs
    }
}
