import CouplingTheory
import Foundation
import Report

/// The analysis under the verdicts of Examples 1–3: what the run itself measured about where the trained
/// layer misses the optimum and why. Only numbers this run computed are quoted.
enum WFindings {
    /// Where the main seed's layer misses Lemma 1's optimum, and what the run shows about why.
    static func example(_ r: WExampleRun, readOutFigure: String) -> String {
        return """
        Where the trained layer misses the optimum (the stage's own seed): \
        over the last quarter of training the held-out loss changed by \(ProseNumber.f4(r.traceChangeLastQuarter)) nats, \
        so the layer has settled \(ProseNumber.f4(r.lossGap)) nats above the Theorem 1 minimum rather than still descending. \
        The read-out locates the error: the mean is fitted to RMSE \(ProseNumber.f4(r.readOut.meanRMSE)), \
        while σ̂ deviates from σ by up to \(ProseNumber.fmt(100 * r.readOut.maxRelativeStdError, 0)) % \
        (at p = \(ProseNumber.fmt(r.readOut.pOfMaxRelativeStdError, 2))); σ(p) oscillates with period 0.75, and \(readOutFigure) \
        shows where σ̂ misses it in its troughs — a real, local finding, whose cost in nats is the moment cost above. \
        \(worstBinsSentence(r))\(kinkSentence(r.trained))Causes we have not separated: too few remaining breakpoints for the \
        fast oscillation of σ, and the optimiser's noise floor at the final learning rate (Adam moves every weight by about η per step).
        """
    }

    /// Both readings over all seeds: whether the gap is one seed's or the protocol's.
    static func readings(_ study: WExampleStudy) -> String {
        let gaps = study.seedRuns.map(\.lossGap)
        var text = "Over the \(gaps.count) training seeds the full-batch gap ranges from \(ProseNumber.f4(gaps.min() ?? .nan)) to \(ProseNumber.f4(gaps.max() ?? .nan)) nats."
        let mb = study.miniBatchGaps
        if let run = study.miniBatch, !mb.isEmpty {
            text += " The mini-batch reading (\(run.trainingLoss.count) steps of \(run.batchSize)) ranges from \(ProseNumber.f4(mb.min() ?? .nan)) to \(ProseNumber.f4(mb.max() ?? .nan)) nats."
        }
        return text
    }

    /// Where the binned checks are worst, and the largest error of m̂ (a′ has mean ≈ (m − m̂)/σ̂ in a bin).
    static func worstBinsSentence(_ r: WExampleRun) -> String {
        let b = r.binned, c = r.readOut
        let iMean = b.means.indices.max { abs(b.means[$0]) < abs(b.means[$1]) } ?? 0
        let iStd = b.stds.indices.max { abs(b.stds[$0] - 1) < abs(b.stds[$1] - 1) } ?? 0
        let errors = c.p.indices.map { abs(c.learntMean[$0] - c.trueMean[$0]) }
        let iErr = errors.indices.max { errors[$0] < errors[$1] } ?? 0
        let f2 = { (x: Double) in ProseNumber.fmt(x, 2) }
        return "The worst bins are centred at p = \(f2(b.centers[iMean])) for the mean (\(f2(b.means[iMean]))) and at "
            + "p = \(f2(b.centers[iStd])) for the standard deviation (\(f2(b.stds[iStd]))); the largest |m̂ − m| is "
            + "\(f2(errors[iErr])) at p = \(f2(c.p[iErr])). "
    }

    /// "Of H hidden units, k bend inside [−2, 2] …" (empty for other subnets).
    static func kinkSentence(_ t: TrainedSingleCoupling) -> String {
        guard let k0 = t.initialKinks, let k1 = t.finalKinks else { return "" }
        let off = t.coupling.subnet.activation == .relu
            ? "are dead there (no output and no gradient for any p)"
            : "are off there (only the 0.01 slope of LeakyReLU for every p)"
        return "m̂ and σ̂ are piecewise linear, with breakpoints only where a hidden unit bends: after training \(k1.kinksInside) "
            + "of the \(k1.width) units bend inside [−2, 2] and \(k1.dead) \(off), against "
            + "\(k0.kinksInside) and \(k0.dead) at initialisation. "
    }

    /// Example 3's analysis: how the trained layers' gap is spread over p (the verdicts are on exact objects).
    static func example3(curves: [ConditionalKLCurves]) -> String {
        let f = { (x: Double) in ProseNumber.fmt(x, 3) }
        let spread = curves.map { c -> String in
            "for \(c.densityName) the gap averages \(f(c.meanGap)) nats over p; its maximum \(f(c.maxAbsGap)) sits at p = "
                + ProseNumber.fmt(c.pOfMaxGap, 2)
        }.joined(separator: "; ")
        return "The trained layers of the figure: by the identity above, each per-$p$ gap is "
            + #"the read-out error of the trained layer at that $p$: where $\hat m, \hat\sigma$ miss $m, \sigma$ "#
            + "(Examples 1 and 2), the conditional KL stays above the bound. The misses are local: " + spread + ". "
            + "Whether training attains the bound is decided over seeds in Examples 1 and 2; here the figure shows where one seed's layer misses it."
    }
}
