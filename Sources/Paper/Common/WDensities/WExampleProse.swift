import Foundation
import FlowCore
import Report

/// The values the prose of Examples 1 and 2 (`prose.md` in their folders) puts in by name.
enum WExampleProse {
    static func f4(_ x: Double) -> String { ProseNumber.fmt(x, 4) }

    /// Lemma 1 and Theorem 1 in the paper's words (`theory.md` beside this file), shared by ex1 and ex2.
    static func theory() throws -> String { try ExampleFolder.commonPiece("WDensities/theory.md") }

    /// The values both sections use.
    static func values(_ r: WExampleRun, checks: [Check], config: WExampleConfig, readOutFigure: String) throws -> [String: String] {
        [
            "theory": try theory(),
            "held_out": "\(r.heldOut.count)",
            "results_table": resultTable(r),
            "figure_samples": "\(config.figureSamples)",
            "trace_every": "\(config.setup.traceEvery)",
            "findings": WFindings.example(r, checks: checks, readOutFigure: readOutFigure, tolerances: config.tolerances),
            "protocol": try SingleCouplingProse.bullets(config.setup),
        ]
    }

    /// Example 1 adds the read-out grid, the bins and the Theorem 1 band.
    static func example1(_ r: WExampleRun, checks: [Check], config: WExampleConfig) throws -> [String: String] {
        var v = try values(r, checks: checks, config: config, readOutFigure: "Fig. 2b")
        v["read_out_points"] = "\(config.readOutPoints)"
        v["se_multiple"] = ProseNumber.g(config.tolerances.lossGapStandardErrors)
        v["gap_above"] = ProseNumber.g(config.tolerances.lossGapAbove)
        v["bins"] = "\(config.bins)"
        v["bin_half_width"] = ProseNumber.g(config.binHalfWidth)
        return v
    }

    /// Example 2 adds the Kolmogorov–Smirnov distance and its reference for a uniform sample.
    static func example2(_ r: WExampleRun, ks: Double, checks: [Check], config: WExampleConfig) throws -> [String: String] {
        var v = try values(r, checks: checks, config: config, readOutFigure: "Fig. 2b of Example 1, for W,")
        v["ks"] = f4(ks)
        v["ks_reference"] = f4(0.87 / Double(r.heldOut.count).squareRoot())
        return v
    }

    /// The measured numbers of one run as a table.
    static func resultTable(_ r: WExampleRun) -> String {
        Markdown.table(header: ["quantity", "value"], rows: [
            ["Δ at Q = I (Eq. 20)", f4(r.delta)],
            ["Theorem 1 minimum of the ML loss", f4(r.boundMLLoss)],
            ["trained ML loss, held-out (± SE)", "\(f4(r.heldOut.mean)) ± \(f4(r.heldOut.standardError))"],
            ["KL before → after (minimum)", "\(f4(r.klBefore)) → \(f4(r.klAfter)) (\(f4(r.klMinimum)))"],
            ["RMSE of m̂ / σ̂", "\(f4(r.readOut.meanRMSE)) / \(f4(r.readOut.stdRMSE))"],
            ["worst bin |mean a′| / |std a′ − 1|", "\(f4(r.binned.worstMean)) / \(f4(r.binned.worstStd))"],
            ["training time", String(format: "%.1f s", r.trained.seconds)],
        ])
    }
}
