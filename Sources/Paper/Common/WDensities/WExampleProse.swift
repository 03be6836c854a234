import CouplingTheory
import Foundation
import FlowCore
import Report

/// The values the prose of Examples 1 and 2 (`prose.md` in their folders) shares; each example adds
/// its own (`Example1Prose`, `Example2Prose`).
enum WExampleProse {
    /// Lemma 1 and Theorem 1 in the paper's words (`theory.md` beside this file), shared by ex1 and ex2.
    static func theory() throws -> String { try ExampleFolder.commonPiece("WDensities/theory.md") }

    /// The values both sections use; `readOutFigure` names the figure that shows the read-out.
    static func values(_ study: WExampleStudy, checks: [Check], config: WExampleConfig, readOutFigure: String) throws -> [String: String] {
        let r = study.main
        let findings = try WFindings.document()
        return [
            "theory": try theory(),
            "verdict_rule": try VerdictRuleProse.text(),
            "held_out": "\(r.heldOut.count)",
            "results_table": resultTable(study),
            "figure_samples": "\(config.figureSamples)",
            "trace_every": "\(config.setup.traceEvery)",
            "findings": try CheckFindings.list(checks),
            "miss_analysis": try WFindings.missAnalysis(r, readOutFigure: readOutFigure, prose: findings),
            "seed_readings": try WFindings.readings(study, prose: findings),
            "seeds": "\(study.seedRuns.count)",
            "minibatch": config.miniBatchSize.map { "\($0)" } ?? "—",
        ]
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
