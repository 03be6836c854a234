import CouplingTheory
import Foundation
import Report

/// The values the Example 3 prose (`prose.md` beside this file) puts in by name.
enum WExample3Prose {
    static func values(w: WExampleRun, wu: WExampleRun, curvesW: ConditionalKLCurves, curvesWU: ConditionalKLCurves,
                       checks: [Check], config: Example3Stage.Config) throws -> [String: String] {
        let row = { (name: String, r: WExampleRun, c: ConditionalKLCurves) in
            [name, "\(ProseNumber.f4(r.heldOut.mean)) ± \(ProseNumber.f4(r.heldOut.standardError)) (\(ProseNumber.f4(r.boundMLLoss)))", ProseNumber.f4(r.lossGap), ProseNumber.f4(c.meanGap),
             "\(ProseNumber.f4(c.maxAbsGap)) at p = \(ProseNumber.fmt(c.pOfMaxGap, 2))", ProseNumber.fmt(r.trained.seconds, 1) + " s"]
        }
        return [
            "negentropy": ProseNumber.f4(Example3Stage.negentropyUniform),
            "kl_points": "\(config.klPoints)",
            "results_table": Markdown.table(
                header: ["density", "held-out ML loss ± SE (minimum)", "held-out gap", "mean over p of after − bound (exact)",
                         "worst p: max |after − bound| (information)", "training time"],
                rows: [row("W", w, curvesW), row("WU", wu, curvesWU)]),
            "p_max_gap_W": ProseNumber.fmt(curvesW.pOfMaxGap, 2),
            "p_max_gap_WU": ProseNumber.fmt(curvesWU.pOfMaxGap, 2),
            "findings": CheckFindings.list(checks) + "\n\n" + WFindings.example3(curves: [curvesW, curvesWU]),
            "protocol": SingleCouplingProse.reference(config.example.setup),
            "verdict_rule": try VerdictRuleProse.text(),
        ]
    }
}
