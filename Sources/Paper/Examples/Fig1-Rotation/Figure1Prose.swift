import Foundation
import Report

/// The values the Figure 1 prose (`prose.md` beside this file) puts in by name.
enum Figure1Prose {
    /// Where the gap is largest and smallest over θ (the verdict is on their mean); only with trained angles.
    enum GapRange: String, ProseChoice { static let group = "gap_range"; case measured }

    static let choices: [any ProseChoice.Type] = [GapRange.self]

    static func render(config: Figure1Stage.Config, curve: Figure1Curve, points: [Figure1Point], checks: [Check]) throws -> String {
        let prose = try ExampleFolder().document(choices: choices)
        return try prose.render(values(config: config, curve: curve, points: points, checks: checks, prose: prose))
    }

    static func values(config: Figure1Stage.Config, curve: Figure1Curve, points: [Figure1Point], checks: [Check],
                       prose: ProseDocument) throws -> [String: String] {
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
            "findings": try CheckFindings.list(checks),
            "gap_range": try gapRange(points: points, prose: prose),
            "protocol": try SingleCouplingProse.reference(config.coupling),
        ]
    }

    static func gapRange(points: [Figure1Point], prose: ProseDocument) throws -> String {
        let f = ProseNumber.fmt
        guard let worst = points.max(by: { $0.gap < $1.gap }), let best = points.min(by: { $0.gap < $1.gap }) else { return "" }
        return try prose.text(GapRange.measured, [
            "largest": f(worst.gap, 4), "largest_theta": f(worst.theta, 0), "smallest": f(best.gap, 4),
            "smallest_theta": f(best.theta, 0), "se": f(best.loss.standardError, 4),
        ])
    }
}

extension Figure1Stage: ProseChoosing {
    static var proseChoices: [any ProseChoice.Type] { Figure1Prose.choices }
}
