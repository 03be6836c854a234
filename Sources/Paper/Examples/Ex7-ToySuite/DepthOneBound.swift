import CouplingTheory
import FlowCore
import Foundation

/// Theorem 1 at depth 1, per method: whatever the first block's coupling learns, the held-out loss
/// after it is at least L₀ − Δ(Q₁), with L₀ the identity's loss and Q₁ that block's rotation (OAS-chosen,
/// random, or the one an end-to-end flow was given). Shown beside the loss each method reached with
/// one block, it tells how much of the attainable decrease the training realised — and, for the
/// random rotations, how much was lost before training began.
struct DepthOneBound {
    var method: DeepMethod
    /// Δ̂(Q₁) of seed 0's first rotation, estimated on the held-out samples (binning, as Algorithm 1).
    var delta: Double
    /// The bound L₀ − Δ̂(Q₁) and the seed-0 held-out loss after one block (both ML loss, log 2π dropped).
    var bound: Double
    var reached: Double

    /// One entry per method whose seed-0 flow is kept (all of Example 7's).
    static func compute(_ r: DeepProblemResult, methods: [DeepMethod], bins: Int) throws -> [DepthOneBound] {
        try methods.compactMap { m in
            guard let res = r.methods[m], let flow = res.seedZeroFlows[1] ?? res.seedZeroFlows.values.first,
                  let first = flow.blocks.first, let reached = res.heldOutLossBySeed.first?.first else { return nil }
            let delta = try SampleDelta.estimate(samples: r.testSet, rotation: first.rotation,
                                                 estimator: .binning(BinningConfig(bins: bins)))
            return DepthOneBound(method: m, delta: delta, bound: r.identityLoss - delta, reached: reached)
        }
    }
}
