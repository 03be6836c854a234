import Foundation
import Report

/// The values the Figure 1 prose (`prose.md` beside this file) puts in by name.
enum Figure1Prose {
    static func values(config: Figure1Stage.Config, curve: Figure1Curve, points: [Figure1Point], checks: [Check]) throws -> [String: String] {
        let f = ProseNumber.fmt
        let best = curve.theta.indices.min { curve.bound[$0] < curve.bound[$1] } ?? 0
        let rows = points.map { pt -> [String] in
            [f(pt.theta, 0) + "°", f(pt.bound, 4), f(pt.loss.value, 4), f(pt.loss.standardError, 4), f(pt.gap, 4)]
        }
        return [
            "ml_before": f(curve.mlBefore, 4),
            "best_theta": f(curve.theta[best], 0),
            "best_bound": f(curve.bound[best], 4),
            "curve_step": f(config.curveStepDeg, 0),
            "angle_count": "\(points.count)",
            "held_out": "\(config.coupling.heldOutCount)",
            "verdict_rule": try VerdictRuleProse.text(),
            "panel_angles": config.panelAnglesDeg.map { f($0, 0) + "°" }.joined(separator: ", "),
            "results_table": Markdown.table(header: ["θ", "bound (nats)", "trained held-out loss", "SE", "loss − bound"], rows: rows),
            "findings": CheckFindings.list(checks) + "\n\n" + findings(points: points),
            "protocol": SingleCouplingProse.reference(config.coupling),
        ]
    }

    /// Where the gap is largest and smallest over θ (the verdict is on their mean, above).
    static func findings(points: [Figure1Point]) -> String {
        let f = ProseNumber.fmt
        guard let worst = points.max(by: { $0.gap < $1.gap }), let best = points.min(by: { $0.gap < $1.gap }) else { return "" }
        return "The largest gap is \(f(worst.gap, 4)) nats at θ = \(f(worst.theta, 0))°, the smallest \(f(best.gap, 4)) at θ = \(f(best.theta, 0))° "
            + "(a trained loss may lie above the bound; below it only by the noise of the held-out estimate, SE about \(f(best.loss.standardError, 4)))."
    }
}
