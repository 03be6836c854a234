import CouplingTheory
import Foundation
import Report

/// The values the Example 3 prose (`prose.md` beside this file) puts in by name.
enum WExample3Prose {
    /// How one density's trained layer spreads its gap over p (a clause of the findings, one per density).
    enum GapSpread: String, ProseChoice { static let group = "gap_spread"; case density }

    static let choices: [any ProseChoice.Type] = [GapSpread.self]

    static func render(w: WExampleRun, wu: WExampleRun, curvesW: ConditionalKLCurves, curvesWU: ConditionalKLCurves,
                       checks: [Check], config: Example3Stage.Config) throws -> String {
        let prose = try ExampleFolder().document(choices: choices)
        return try prose.render(values(w: w, wu: wu, curvesW: curvesW, curvesWU: curvesWU, checks: checks, config: config, prose: prose))
    }

    static func values(w: WExampleRun, wu: WExampleRun, curvesW: ConditionalKLCurves, curvesWU: ConditionalKLCurves,
                       checks: [Check], config: Example3Stage.Config, prose: ProseDocument) throws -> [String: String] {
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
            "findings": try CheckFindings.list(checks),
            "gap_spread": try [curvesW, curvesWU].map { try gapSpread($0, prose: prose) }.joined(separator: "; "),
            "protocol": try SingleCouplingProse.reference(config.example.setup),
            "verdict_rule": try VerdictRuleProse.text(),
        ]
    }

    /// Where one trained layer's conditional KL stays above the bound (the verdicts are on exact objects).
    static func gapSpread(_ c: ConditionalKLCurves, prose: ProseDocument) throws -> String {
        let f = { (x: Double) in ProseNumber.fmt(x, 3) }
        return try prose.text(GapSpread.density, ["density": c.densityName, "mean": f(c.meanGap), "max": f(c.maxAbsGap),
                                                  "p_max": ProseNumber.fmt(c.pOfMaxGap, 2)])
    }
}

extension Example3Stage: ProseChoosing {
    static var proseChoices: [any ProseChoice.Type] { WExample3Prose.choices }
}
