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
            "moment_cost": .number(readOut.momentCost),
            "binned_moment_cost": .number(binned.momentCost),
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
}

extension WExampleStudy {
    /// The density's key in check ids (`W`, `WU`).
    var key: String { main.densityName }

    /// Theorem 1's training claim (both readings of the epochs) and the Lemma 1 read-out's moment cost,
    /// each over the training seeds against the claim table's margin. The read-out is the primary check
    /// of the moments claim on W (Example 1); on WU it is a diagnostic.
    public func checks() -> [Check] {
        let n = seedRuns.count
        var checks = [
            ClaimCatalog.empirical("theorem1.training_gap_\(key)",
                                   claim: "Theorem 1: training attains the minimum — \(key), held-out ML loss − minimum over \(n) seeds, full batch (\(main.trained.trainingLoss.count) steps of \(main.trained.batchSize))",
                                   replicates: seedRuns.map(\.pairedGap.value)),
        ]
        if let mb = miniBatch {
            checks.append(ClaimCatalog.empirical("theorem1.training_gap_\(key)_minibatch",
                                                 claim: "the same, mini-batch reading (\(mb.trainingLoss.count) steps of \(mb.batchSize)) — a sensitivity row",
                                                 replicates: miniBatchPairedGaps))
        }
        checks.append(ClaimCatalog.empirical("lemma1.trained_moment_cost_\(key)",
                                             claim: "Lemma 1 read-out: the trained layer's m̂, σ̂ against m, σ on \(main.readOut.p.count) points, in nats (½c² + (r − 1)²), over \(n) seeds",
                                             replicates: seedRuns.map(\.readOut.momentCost)))
        if key == "W" {
            checks.append(ClaimCatalog.empirical("lemma1.binned_moment_cost_\(key)",
                                                 claim: "Eq. 11 in \(main.binned.means.count) p-bins: the moments of a′ against 0 and 1, in nats, over \(n) seeds",
                                                 replicates: seedRuns.map(\.binned.momentCost)))
        }
        return checks
    }

    /// The main run's metrics plus every seed's gaps and moment costs and the mini-batch reading.
    public func metrics() -> [String: MetricValue] {
        var m = main.metrics
        m["loss_gap"] = .number(main.lossGap)
        m["exact_mean_gap"] = .number(main.conditionalKL.meanGap)
        m["worst_p_gap"] = .number(main.conditionalKL.maxAbsGap)
        m["worst_p"] = .number(main.conditionalKL.pOfMaxGap)
        m["seeds"] = .number(Double(seedRuns.count))
        m["seed_loss_gaps"] = .numbers(seedRuns.map(\.lossGap))
        m["seed_paired_gaps"] = .numbers(seedRuns.map(\.pairedGap.value))
        m["seed_paired_gap_se"] = .numbers(seedRuns.map(\.pairedGap.standardError))
        m["seed_moment_costs"] = .numbers(seedRuns.map(\.readOut.momentCost))
        m["seed_binned_moment_costs"] = .numbers(seedRuns.map(\.binned.momentCost))
        m["binned_mean_worst_se"] = .number(main.binned.worstMeanInSE)
        m["binned_std_worst_se"] = .number(main.binned.worstStdInSE)
        if let mb = miniBatch, let gap = miniBatchGap {
            m["minibatch_batch_size"] = .number(Double(mb.batchSize))
            m["minibatch_steps"] = .number(Double(mb.trainingLoss.count))
            m["minibatch_ml_loss"] = .number(mb.heldOut.mean)
            m["minibatch_ml_loss_se"] = .number(mb.heldOut.standardError)
            m["minibatch_gap"] = .number(gap)
            m["seed_minibatch_gaps"] = .numbers(miniBatchGaps)
            m["seed_minibatch_paired_gaps"] = .numbers(miniBatchPairedGaps)
            m["minibatch_trace_steps"] = .numbers(mb.traceSteps.map(Double.init))
            m["minibatch_trace_held_out_loss"] = .numbers(mb.traceLoss)
            m["minibatch_training_seconds"] = .number(mb.seconds)
        }
        return m
    }
}
