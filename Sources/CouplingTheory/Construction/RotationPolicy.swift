import FlowCore

/// How each new block's rotation Q_l is chosen in Algorithm 2.
public enum RotationPolicy: Codable, Sendable, Hashable {
    /// Algorithm 1 on samples of the current push-forward: in 2D over `candidates` grid angles,
    /// in D > 2 over `candidates` Haar-random rotations; Δ̂ by `estimator` from `sampleCount` samples.
    case oas(candidates: Int, sampleCount: Int, estimator: DeltaEstimator)
    /// The general OAS in any D (`GeneralOAS`: best of random rotations, then a Givens search) on
    /// `sampleCount` samples of the current push-forward.
    case generalOAS(GeneralOASConfig, sampleCount: Int)
    /// A Haar-random rotation in SO(D) ("RND").
    case random

    /// Example 4's OAS: 180 angles (1° grid), 4096 samples, 32 equal-width bins.
    public static let oasDefault = RotationPolicy.oas(candidates: 180, sampleCount: 4096, estimator: .example4)
}

/// A chosen rotation and what the search knew of it.
public struct RotationChoice: Sendable {
    public var rotation: Matrix
    /// Δ̂ of the chosen rotation (nil for a random one).
    public var delta: Double?
    /// The general OAS only: Δ̂ of the best random rotation it started from.
    public var startDelta: Double?
}

extension RotationPolicy {
    /// Q_l for the block after `flow`, from samples of its push-forward T^(l−1)_♯ μ; the first
    /// `passiveCount` rotated coordinates are the coupling's passive ones.
    public func choose<Data: PushForwardSampler>(after flow: Flow, data: inout Data, passiveCount: Int,
                                                 using rng: inout SeededGenerator) throws -> RotationChoice {
        let d = flow.dimension
        switch self {
        case .random:
            return RotationChoice(rotation: try OrthogonalMatrices.haarOrthogonal(dimension: d, special: true, using: &rng))
        case let .oas(candidates, sampleCount, estimator):
            let y = try data.pushed(sampleCount, through: flow, precision: .float, using: &rng)
            let result = d == 2
                ? try OptimalAffineSubspace.search2D(samples: y, anglesDeg: OASCandidates.angleGrid(count: candidates), estimator: estimator)
                : try OptimalAffineSubspace.searchHaar(samples: y, count: candidates, passiveDimension: passiveCount,
                                                       estimator: estimator, using: &rng)
            return RotationChoice(rotation: result.best.rotation, delta: result.best.delta)
        case let .generalOAS(config, sampleCount):
            let y = try data.pushed(sampleCount, through: flow, precision: .float, using: &rng)
            let found = try GeneralOAS.search(samples: y, passiveDimension: passiveCount, config: config, using: &rng)
            return RotationChoice(rotation: found.rotation, delta: found.delta, startDelta: found.bestRandomDelta)
        }
    }
}
