import Foundation
import Report

/// The results.json metrics and the check table shared by the Example 1 and 2 stages.
extension WExampleRun {
    /// DESIGN.md's required names for ex1/ex2, plus the SE, the final training loss and the time.
    public var metrics: [String: MetricValue] {
        var m: [String: MetricValue] = [
            "delta_theorem1": .number(delta),
            "bound_ml_loss": .number(boundMLLoss),
            "trained_ml_loss": .number(heldOut.mean),
            "trained_ml_loss_se": .number(heldOut.standardError),
            "held_out_samples": .number(Double(heldOut.count)),
            "kl_before": .number(klBefore),
            "kl_after": .number(klAfter),
            "kl_minimum": .number(klMinimum),
            "entropy": .number(entropy),
            "mean_rmse": .number(readOut.meanRMSE),
            "std_rmse": .number(readOut.stdRMSE),
            "binned_mean_worst": .number(binned.worstMean),
            "binned_std_worst": .number(binned.worstStd),
            "max_relative_std_error": .number(readOut.maxRelativeStdError),
            "trace_change_last_quarter": .number(traceChangeLastQuarter),
            "final_training_loss": .number(trained.trainingLoss.last ?? .nan),
            "trace_steps": .numbers(trained.traceSteps.map(Double.init)),
            "trace_held_out_loss": .numbers(trained.traceLoss),
            "training_seconds": .number(trained.seconds),
        ]
        if let k0 = trained.initialKinks, let k1 = trained.finalKinks {
            m["relu_kinks_inside_initial"] = .number(Double(k0.kinksInside))
            m["relu_kinks_inside_final"] = .number(Double(k1.kinksInside))
            m["relu_dead_initial"] = .number(Double(k0.dead))
            m["relu_dead_final"] = .number(Double(k1.dead))
        }
        return m
    }

    /// Lemma 1 read-out, Theorem 1 loss gap and the binned moments of a' (Fig. 2e).
    public func checks(tolerances tol: WTolerances) -> [Check] {
        [
            Check.atMost(id: "lemma1.mean_rmse", claim: "Lemma 1: read-out m̂(p) = −t·exp(−s) matches m(p) (RMSE, \(readOut.p.count) points)",
                         measured: readOut.meanRMSE, tolerance: tol.readOutRMSE),
            Check.atMost(id: "lemma1.std_rmse", claim: "Lemma 1: read-out σ̂(p) = exp(−s) matches σ(p) (RMSE, \(readOut.p.count) points)",
                         measured: readOut.stdRMSE, tolerance: tol.readOutRMSE),
            Check.interval(id: "theorem1.loss_gap",
                           claim: "Theorem 1: held-out ML loss (N = \(heldOut.count)) − minimum lies in [−\(formatted(tol.lossGapStandardErrors))·SE, \(formatted(tol.lossGapAbove))] nats",
                           measured: lossGap, expected: 0, below: tol.lossGapStandardErrors * heldOut.standardError,
                           above: tol.lossGapAbove),
            Check.atMost(id: "lemma1.binned_mean", claim: "Eq. 11: mean of a' ≈ 0 in every one of \(binned.means.count) p-bins (worst bin |mean|)",
                         measured: binned.worstMean, tolerance: tol.binnedMean),
            Check.atMost(id: "lemma1.binned_std", claim: "Eq. 11: std of a' ≈ 1 in every one of \(binned.stds.count) p-bins (worst bin |std − 1|)",
                         measured: binned.worstStd, tolerance: tol.binnedStd),
        ]
    }

    func formatted(_ x: Double) -> String { String(format: "%g", x) }
}
