import Foundation
import Report

/// The values the Figure 1 prose (`prose.md` beside this file) puts in by name.
enum Figure1Prose {
    static func values(config: Figure1Stage.Config, curve: Figure1Curve, points: [Figure1Point]) throws -> [String: String] {
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
            "gap_upper": ProseNumber.g(config.gapUpper),
            "se_multiple": ProseNumber.g(config.seMultiple),
            "panel_angles": config.panelAnglesDeg.map { f($0, 0) + "°" }.joined(separator: ", "),
            "results_table": Markdown.table(header: ["θ", "bound (nats)", "trained held-out loss", "SE", "loss − bound"], rows: rows),
            "findings": findings(config: config, points: points),
            "protocol": SingleCouplingProse.reference(config.coupling),
        ]
    }

    /// Names every angle whose trained loss fell outside [−k·SE, gapUpper] around the bound.
    static func findings(config: Figure1Stage.Config, points: [Figure1Point]) -> String {
        let f = ProseNumber.fmt
        let above = points.filter { $0.gap > config.gapUpper }
        let below = points.filter { $0.gap < -config.seMultiple * $0.loss.standardError }
        var parts: [String] = []
        if !above.isEmpty {
            parts.append("**Finding.** At θ = " + above.map { "\(f($0.theta, 0))° (gap \(f($0.gap, 4)))" }.joined(separator: ", ")
                + " the trained coupling stayed more than \(config.gapUpper) nats above the bound: training from this initialisation did not "
                + "reach Lemma 1's optimum within \(config.coupling.training.steps) steps. The bound itself is not contradicted — a trained loss may lie above it.")
        }
        if !below.isEmpty {
            parts.append("**Finding.** At θ = " + below.map { "\(f($0.theta, 0))° (gap \(f($0.gap, 4)))" }.joined(separator: ", ")
                + " the held-out loss is below the bound by more than \(Int(config.seMultiple)) standard errors, which Theorem 1 forbids; this points to an error in the bound or the loss evaluation.")
        }
        if parts.isEmpty {
            parts.append("Every trained loss lies within [−\(Int(config.seMultiple))·SE, \(config.gapUpper)] nats of the bound: the bound is attained at every angle.")
        }
        return parts.joined(separator: "\n\n")
    }
}
