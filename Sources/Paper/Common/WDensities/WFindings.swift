import Foundation
import Report

/// The "Findings" paragraph of Examples 1–3: which checks failed, by how much, and what the run itself
/// measured about why. Only numbers this run computed are quoted.
enum WFindings {
    /// One bullet per failed check with its measured value and accepted band; nil when all pass.
    static func failedList(_ checks: [Check]) -> String? {
        let failed = checks.filter { !$0.pass }
        guard !failed.isEmpty else { return nil }
        return failed.map { c in
            let lo = c.lower.map { String(format: "%.4f", $0) } ?? "−∞", hi = c.upper.map { String(format: "%.4f", $0) } ?? "∞"
            return "- `\(c.id)`: measured \(String(format: "%.4f", c.measured)), accepted [\(lo), \(hi)]."
        }.joined(separator: "\n")
    }

    /// Findings for an Example 1/2 run.
    static func example(_ r: WExampleRun, checks: [Check], readOutFigure: String, tolerances: WTolerances) -> String {
        guard let list = failedList(checks) else {
            return "All checks pass at this profile's tolerances."
        }
        let f4 = WExampleProse.f4
        return """
        Not every claim holds to this profile's tolerance in this run:

        \(list)

        What the run shows about why: over the last quarter of training the held-out loss changed by \
        \(f4(r.traceChangeLastQuarter)) nats, so the layer has settled \(f4(r.lossGap)) nats above the Theorem 1 minimum \
        rather than still descending. The read-out locates the error: the mean is fitted to RMSE \(f4(r.readOut.meanRMSE)), \
        while σ̂ deviates from σ by up to \(String(format: "%.0f", 100 * r.readOut.maxRelativeStdError)) % \
        (at p = \(String(format: "%.2f", r.readOut.pOfMaxRelativeStdError))); σ(p) oscillates with period 0.75, and \(readOutFigure) \
        shows where σ̂ misses it. \(worstBinsSentence(r))The binned check is the most demanding: with at least \
        \(r.binned.counts.min() ?? 0) samples per bin, \(ProseNumber.g(tolerances.binnedStandardErrors)) standard errors of a bin's std are \
        \(WExampleProse.f4(tolerances.binnedStandardErrors * (r.binned.stdStandardErrors.max() ?? .nan))) at most, so a bin passes only if σ̂/σ is \
        within about that fraction of 1 throughout the bin (a′ has standard deviation σ/σ̂ there). \(kinkSentence(r.trained))Causes we have not \
        separated: too few remaining breakpoints for the fast oscillation of σ, and the optimiser's noise floor at the \
        final learning rate (Adam moves every weight by about η per step).
        """
    }

    /// Both readings and all seeds against the Theorem 1 band: whether the miss is one seed's or the protocol's.
    static func readings(_ study: WExampleStudy, tolerances tol: WTolerances) -> String {
        let f4 = WExampleProse.f4
        let gaps = study.seedRuns.map(\.lossGap)
        let band = tol.lossGapStandardErrors * study.main.heldOut.standardError + tol.lossGapAllowance
        let inside = gaps.filter { abs($0) <= band }.count
        var text = "Over the \(gaps.count) training seeds the loss gap ranges from \(f4(gaps.min() ?? .nan)) to \(f4(gaps.max() ?? .nan)) nats; "
            + "within the Theorem 1 band (±\(f4(band)) for the stage's seed): \(inside) of \(gaps.count)."
        if let mb = study.miniBatch, let gap = study.miniBatchGap {
            let bandMB = tol.lossGapStandardErrors * mb.heldOut.standardError + tol.lossGapAllowance
            text += " The mini-batch reading (\(mb.trainingLoss.count) steps of \(mb.batchSize)) ends \(f4(gap)) nats above the minimum, "
                + (abs(gap) <= bandMB ? "within" : "outside") + " its band (±\(f4(bandMB))), against \(f4(study.main.lossGap)) for the full-batch reading."
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
        let f2 = { (x: Double) in String(format: "%.2f", x) }
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

    /// Findings for Example 3: the verdict on the mean gap, and how the gap is spread over p (information).
    static func example3(_ checks: [Check], curves: [ConditionalKLCurves]) -> String {
        let f = { (x: Double) in String(format: "%.3f", x) }
        let spread = curves.map { c -> String in
            "for \(c.densityName) the gap averages \(f(c.meanGap)) nats over p; its maximum \(f(c.maxAbsGap)) sits at p = "
                + String(format: "%.2f", c.pOfMaxGap)
        }.joined(separator: "; ")
        let head = failedList(checks).map { "Not every claim holds in this run:\n\n" + $0 + "\n\n" }
            ?? "All checks pass at this profile's tolerances.\n\n"
        return head + "By the identity above, each per-$p$ gap is "
            + #"the read-out error of the trained layer at that $p$: where $\hat m, \hat\sigma$ miss $m, \sigma$ "#
            + "(Examples 1 and 2), the conditional KL stays above the bound. The verdict is on the mean over $p$ (the loss); "
            + "the worst $p$ is shown as information, and the misses are local: " + spread + ". "
            + #"The piecewise-linear $s, t$ miss $m, \sigma$ locally (Fig. 2b of Example 1)."#
    }
}
