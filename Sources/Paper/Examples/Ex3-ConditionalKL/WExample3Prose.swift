import CouplingTheory
import Foundation
import Report

/// The values the Example 3 prose (`prose.md` beside this file) puts in by name.
enum WExample3Prose {
    static func values(w: WExampleRun, wu: WExampleRun, curvesW: ConditionalKLCurves, curvesWU: ConditionalKLCurves,
                       checks: [Check], config: Example3Stage.Config) throws -> [String: String] {
        let f4 = WExampleProse.f4
        let row = { (name: String, r: WExampleRun, c: ConditionalKLCurves) in
            [name, "\(f4(r.heldOut.mean)) ± \(f4(r.heldOut.standardError)) (\(f4(r.boundMLLoss)))", f4(r.lossGap), f4(c.meanGap),
             "\(f4(c.maxAbsGap)) at p = \(ProseNumber.fmt(c.pOfMaxGap, 2))", String(format: "%.1f s", r.trained.seconds)]
        }
        return [
            "negentropy": f4(Example3Stage.negentropyUniform),
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
