import Foundation
import FlowCore
import CouplingTheory

/// Everything Examples 1 and 2 measure for one density: the trained layer, its held-out loss,
/// Theorem 1's numbers, the Lemma 1 read-out and the push-forward statistics.
public struct WExampleRun: Sendable {
    public let densityName: String
    public let trained: TrainedSingleCoupling
    /// The held-out samples pushed through the trained layer, rows [p, a'].
    public let pushForward: Matrix
    public let readOut: LemmaOneComparison
    public let binned: BinnedActiveMoments
    /// The held-out samples pushed through Lemma 1's optimal layer a′ = (a − m(p))/σ(p), rows [p, a′]:
    /// what the binned-moment and KS tests must accept (exact, no training).
    public let optimalPushForward: Matrix
    /// Conditional KL after the layer and its bound per p (exact from s, t): mean gap over p and worst p.
    public let conditionalKL: ConditionalKLCurves
    /// Δ at Q = I (Eq. 20), the minimum of the ML loss (Eq. 8 at Eq. 9–10), H[μ] and KL before/after.
    public let delta: Double, boundMLLoss: Double, entropy: Double, klBefore: Double, klMinimum: Double
    /// The held-out gap paired with Lemma 1's layer on the same samples (`PairedGap`): the Theorem 1
    /// check's replicate, with the held-out set's own noise cancelled.
    public let pairedGap: MonteCarloEstimate

    /// KL(T♯μ ‖ N) of the trained layer by the convention KL = −H[μ] + (D/2) log 2π + E[ML], D = 2.
    public var klAfter: Double { -entropy + log(2 * Double.pi) + heldOut.mean }
    /// Held-out trace at three quarters of the steps minus the final trace value (≈ 0 once converged).
    public var traceChangeLastQuarter: Double {
        let target = 3 * (trained.traceSteps.last ?? 0) / 4
        let i = trained.traceSteps.firstIndex { $0 >= target } ?? 0
        return trained.traceLoss[i] - (trained.traceLoss.last ?? .nan)
    }

    /// Trained held-out loss minus the Theorem 1 minimum.
    public var lossGap: Double { heldOut.mean - boundMLLoss }

    /// Held-out ML loss on `setup.heldOutCount` fresh samples (the Theorem 1 check).
    public var heldOut: HeldOutLoss { trained.heldOut }

    /// Trains a coupling on `density` at Q = I (`SingleCouplingTraining`, generators split off
    /// `SeededGenerator(seed:)`) and evaluates it on the training's held-out set.
    public static func run<D: KnownConditionalDensity>(density: D, config: WExampleConfig, seed: UInt64,
                                                       progress: (Double) -> Void = { _ in }) throws -> WExampleRun {
        var root = SeededGenerator(seed: seed)
        let trained = try SingleCouplingTraining.train(density: density, settings: config.setup, using: &root, progress: progress)
        let pushForward = try trained.flow.forward(trained.heldOutSamples).z
        var optimal = trained.heldOutSamples
        for r in 0..<optimal.rows {
            let (m, sd) = density.conditionalMoments(optimal[r, 0])     // Q = I: column 0 is p, column 1 is a
            optimal[r, 1] = (optimal[r, 1] - m) / sd
        }
        guard let entropy = density.entropy else { throw TheoryError.unavailable(what: "entropy of \(density.name)") }
        return WExampleRun(
            densityName: density.name, trained: trained,
            pushForward: pushForward,
            readOut: try LemmaOneComparison(density: density, coupling: trained.coupling, points: config.readOutPoints),
            binned: try BinnedActiveMoments(pushForward: pushForward, bins: config.bins,
                                            range: -config.binHalfWidth...config.binHalfWidth),
            optimalPushForward: optimal,
            conditionalKL: try ConditionalKLCurves(density: density, coupling: trained.coupling, points: config.readOutPoints),
            delta: TheoremOne.delta(of: density).value, boundMLLoss: TheoremOne.boundMLLoss(of: density),
            entropy: entropy, klBefore: try TheoremOne.klBefore(of: density), klMinimum: try TheoremOne.minimalKL(of: density),
            pairedGap: try PairedGap.estimate(flow: trained.flow, density: density, heldOut: trained.heldOutSamples))
    }
}
