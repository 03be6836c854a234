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

    /// Lemma 1 read-out checks of this run.
    public func readOutChecks(tolerances tol: WTolerances) -> [Check] {
        [
            Check.atMost(id: "lemma1.mean_rmse", claim: "Lemma 1: read-out m̂(p) = −t·exp(−s) matches m(p) (RMSE, \(readOut.p.count) points)",
                         measured: readOut.meanRMSE, tolerance: tol.readOutRMSE),
            Check.atMost(id: "lemma1.std_rmse", claim: "Lemma 1: read-out σ̂(p) = exp(−s) matches σ(p) (RMSE, \(readOut.p.count) points)",
                         measured: readOut.stdRMSE, tolerance: tol.readOutRMSE),
        ]
    }

    /// The Theorem 1 check on a held-out loss: gap = loss − minimum in [−k·SE, k·SE + allowance], SE the
    /// per-sample spread of the held-out loss over √N (the allowance is 0 in the paper profile).
    public static func lossGapCheck(id: String, statement: String = "Theorem 1: training attains the minimum", what: String, gap: Double,
                                    heldOut: HeldOutLoss, tolerances tol: WTolerances) -> Check {
        let band = tol.lossGapStandardErrors * heldOut.standardError
        let allowance = tol.lossGapAllowance > 0 ? " + \(String(format: "%g", tol.lossGapAllowance)) (fast-profile allowance)" : ""
        return Check.interval(id: id,
                              claim: "\(statement) — \(what) held-out ML loss − minimum (mean gap over p, N = \(heldOut.count)) is 0 within ±\(String(format: "%g", tol.lossGapStandardErrors))·SE\(allowance)",
                              measured: gap, expected: 0, below: band, above: band + tol.lossGapAllowance)
    }

    func formatted(_ x: Double) -> String { String(format: "%g", x) }
}

extension WExampleStudy {
    /// Lemma 1 read-out (main seed), Theorem 1 for both readings, Eq. 11 as a pass rate over seeds × bins.
    public func checks(tolerances tol: WTolerances) -> [Check] {
        let bins = main.binned.means.count, k = String(format: "%g", tol.binnedStandardErrors)
        let rate = String(format: "%g", tol.binnedPassRate)
        var checks = main.readOutChecks(tolerances: tol)
        checks.append(WExampleRun.lossGapCheck(id: "theorem1.loss_gap", what: "full-batch reading (\(main.trained.trainingLoss.count) steps of \(main.trained.batchSize)):",
                                               gap: main.lossGap, heldOut: main.heldOut, tolerances: tol))
        if let mb = miniBatch, let gap = miniBatchGap {
            checks.append(WExampleRun.lossGapCheck(id: "theorem1.loss_gap_minibatch", what: "mini-batch reading (\(mb.trainingLoss.count) steps of \(mb.batchSize)):",
                                                   gap: gap, heldOut: mb.heldOut, tolerances: tol))
        }
        checks += [
            Check.atLeast(id: "lemma1.binned_mean",
                          claim: "Eq. 11: mean of a′ is 0 in each p-bin within \(k)·SE of that bin — pass rate over \(seedRuns.count) seeds × \(bins) bins ≥ \(rate)",
                          measured: binnedMeanPassRate(tol), expected: tol.binnedPassRate),
            Check.atLeast(id: "lemma1.binned_std",
                          claim: "Eq. 11: std of a′ is 1 in each p-bin within \(k)·SE of that bin — pass rate over \(seedRuns.count) seeds × \(bins) bins ≥ \(rate)",
                          measured: binnedStdPassRate(tol), expected: tol.binnedPassRate),
            Check.atLeast(id: "lemma1.binned_optimal_layer",
                          claim: "The Eq. 11 bin test accepts Lemma 1's exact layer a′ = (a − m)/σ (pass rate of both moments over \(bins) bins ≥ \(rate))",
                          measured: optimalBinnedPassRate(tol), expected: tol.binnedPassRate).selfCheck,
        ]
        return checks
    }

    /// The main run's metrics plus the seeds, the pass rates and the mini-batch reading.
    public func metrics(tolerances tol: WTolerances) -> [String: MetricValue] {
        var m = main.metrics
        m["loss_gap"] = .number(main.lossGap)
        m["loss_gap_upper"] = .number(tol.lossGapStandardErrors * main.heldOut.standardError + tol.lossGapAllowance)
        m["exact_mean_gap"] = .number(main.conditionalKL.meanGap)
        m["worst_p_gap"] = .number(main.conditionalKL.maxAbsGap)
        m["worst_p"] = .number(main.conditionalKL.pOfMaxGap)
        m["binned_seeds"] = .number(Double(seedRuns.count))
        m["binned_mean_pass_rate"] = .number(binnedMeanPassRate(tol))
        m["binned_std_pass_rate"] = .number(binnedStdPassRate(tol))
        m["binned_optimal_pass_rate"] = .number(optimalBinnedPassRate(tol))
        m["binned_mean_worst_se"] = .number(main.binned.worstMeanInSE)
        m["binned_std_worst_se"] = .number(main.binned.worstStdInSE)
        m["seed_loss_gaps"] = .numbers(seedRuns.map(\.lossGap))
        if let mb = miniBatch, let gap = miniBatchGap {
            m["minibatch_batch_size"] = .number(Double(mb.batchSize))
            m["minibatch_steps"] = .number(Double(mb.trainingLoss.count))
            m["minibatch_ml_loss"] = .number(mb.heldOut.mean)
            m["minibatch_ml_loss_se"] = .number(mb.heldOut.standardError)
            m["minibatch_gap"] = .number(gap)
            m["minibatch_trace_steps"] = .numbers(mb.traceSteps.map(Double.init))
            m["minibatch_trace_held_out_loss"] = .numbers(mb.traceLoss)
            m["minibatch_training_seconds"] = .number(mb.seconds)
        }
        return m
    }
}
