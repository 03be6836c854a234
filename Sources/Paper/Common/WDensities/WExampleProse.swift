import CouplingTheory
import Foundation
import FlowCore
import Report

/// The values the prose of Examples 1 and 2 (`prose.md` in their folders) puts in by name.
enum WExampleProse {
    /// Lemma 1 and Theorem 1 in the paper's words (`theory.md` beside this file), shared by ex1 and ex2.
    static func theory() throws -> String { try ExampleFolder.commonPiece("WDensities/theory.md") }

    /// The values both sections use.
    static func values(_ study: WExampleStudy, checks: [Check], config: WExampleConfig, readOutFigure: String) throws -> [String: String] {
        let r = study.main
        return [
            "theory": try theory(),
            "verdict_rule": try VerdictRuleProse.text(),
            "held_out": "\(r.heldOut.count)",
            "results_table": resultTable(study),
            "figure_samples": "\(config.figureSamples)",
            "trace_every": "\(config.setup.traceEvery)",
            "findings": CheckFindings.list(checks) + "\n\n" + WFindings.example(r, readOutFigure: readOutFigure)
                + "\n\n" + WFindings.readings(study),
            "seeds": "\(study.seedRuns.count)",
            "minibatch": config.miniBatchSize.map { "\($0)" } ?? "—",
        ]
    }

    /// Example 1 adds the read-out grid and carries the common setup of every single-layer stage.
    static func example1(_ study: WExampleStudy, checks: [Check], config: WExampleConfig) throws -> [String: String] {
        var v = try values(study, checks: checks, config: config, readOutFigure: "Fig. 2b")
        v["read_out_points"] = "\(config.readOutPoints)"
        v["bins"] = "\(config.bins)"
        v["bin_half_width"] = ProseNumber.g(config.binHalfWidth)
        v["bin_k"] = ProseNumber.g(config.tolerances.binnedStandardErrors)
        v["minibatch_steps"] = "\(study.miniBatch?.trainingLoss.count ?? 0)"
        v["protocol"] = try SingleCouplingProse.commonSetup(config.setup)
        return v
    }

    /// Example 2 adds the two uniformity tests and links to the common setup.
    static func example2(_ study: WExampleStudy, uniform u: UniformPushForwardTest, checks: [Check], config: WExampleConfig) throws -> [String: String] {
        var v = try values(study, checks: checks, config: config, readOutFigure: "Fig. 2b of Example 1, for W,")
        v["protocol"] = SingleCouplingProse.reference(config.setup)
        v["ks"] = ProseNumber.f4(u.trainedDistance)
        v["ks_p"] = ProseNumber.sci(u.trainedPValue, 1)
        v["ks_optimal"] = ProseNumber.f4(u.optimalDistance)
        v["ks_optimal_p"] = ProseNumber.fmt(u.optimalPValue, 3)
        v["ks_alpha"] = ProseNumber.g(u.alpha)
        v["ks_critical"] = ProseNumber.f4(KolmogorovDistribution.criticalValue(alpha: u.alpha) / Double(u.count).squareRoot())
        return v
    }

    /// The measured numbers as a table: the Theorem 1 minimum with both readings next to it, then the rest.
    static func resultTable(_ study: WExampleStudy) -> String {
        let r = study.main
        var rows: [[String]] = [
            ["Δ at Q = I (Eq. 20)", ProseNumber.f4(r.delta)],
            ["Theorem 1 minimum of the ML loss", ProseNumber.f4(r.boundMLLoss)],
            ["held-out ML loss ± SE, full-batch reading (\(r.trained.trainingLoss.count) steps of \(r.trained.batchSize))",
             "\(ProseNumber.f4(r.heldOut.mean)) ± \(ProseNumber.f4(r.heldOut.standardError)) (gap \(ProseNumber.f4(r.lossGap)))"],
        ]
        if let mb = study.miniBatch, let gap = study.miniBatchGap {
            rows.append(["held-out ML loss ± SE, mini-batch reading (\(mb.trainingLoss.count) steps of \(mb.batchSize))",
                         "\(ProseNumber.f4(mb.heldOut.mean)) ± \(ProseNumber.f4(mb.heldOut.standardError)) (gap \(ProseNumber.f4(gap)))"])
            rows.append(["loss gap of the \(study.miniBatchRuns.count) seeds, mini-batch reading", study.miniBatchGaps.map(ProseNumber.f4).joined(separator: ", ")])
        }
        rows += [
            ["mean gap over p, exact from s, t (full-batch)", ProseNumber.f4(r.conditionalKL.meanGap)],
            ["worst p: largest conditional gap (information)", "\(ProseNumber.f4(r.conditionalKL.maxAbsGap)) at p = \(ProseNumber.fmt(r.conditionalKL.pOfMaxGap, 2))"],
            ["loss gap of the \(study.seedRuns.count) seeds", study.seedRuns.map { ProseNumber.f4($0.lossGap) }.joined(separator: ", ")],
            ["KL before → after (minimum)", "\(ProseNumber.f4(r.klBefore)) → \(ProseNumber.f4(r.klAfter)) (\(ProseNumber.f4(r.klMinimum)))"],
            ["RMSE of m̂ / σ̂", "\(ProseNumber.f4(r.readOut.meanRMSE)) / \(ProseNumber.f4(r.readOut.stdRMSE))"],
            ["moment cost of the read-out, E_p[½c² + (r − 1)²], by seed (nats)", study.seedRuns.map { ProseNumber.f4($0.readOut.momentCost) }.joined(separator: ", ")],
            ["moment cost in \(r.binned.means.count) p-bins, by seed (nats)", study.seedRuns.map { ProseNumber.f4($0.binned.momentCost) }.joined(separator: ", ")],
            ["worst bin |mean a′| / |std a′ − 1| (in its SEs), seed 1 of \(study.seedRuns.count)",
             "\(ProseNumber.f4(r.binned.worstMean)) (\(ProseNumber.fmt(r.binned.worstMeanInSE, 1))) / \(ProseNumber.f4(r.binned.worstStd)) (\(ProseNumber.fmt(r.binned.worstStdInSE, 1)))"],
            ["training time (full-batch\(study.miniBatch == nil ? "" : " / mini-batch"))",
             ProseNumber.fmt(r.trained.seconds, 1) + " s" + (study.miniBatch.map { " / " + ProseNumber.fmt($0.seconds, 1) + " s" } ?? "")],
        ]
        return Markdown.table(header: ["quantity", "value"], rows: rows)
    }
}
