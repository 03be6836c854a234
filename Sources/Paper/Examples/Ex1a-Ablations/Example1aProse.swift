import CouplingTheory
import FlowCore
import Foundation
import Report

/// The values the ablation prose (`prose.md` beside this file) puts in by name; every verdict is
/// computed here from the same run's numbers, and its sentences are the file's alternatives.
enum Example1aProse {
    enum TroughVerdict: String, ProseChoice { static let group = "trough_verdict"; case noFiniteRun = "no_finite_run", measured }
    enum TroughCause: String, ProseChoice {
        static let group = "trough_cause"
        case noneRemoved = "none_removed", allRemoved = "all_removed", someRemoved = "some_removed"
    }
    enum PaperSetup: String, ProseChoice { static let group = "paper_setup"; case summary, run }
    enum OutputLayer: String, ProseChoice { static let group = "output_layer"; case zero, defaultLayer = "default" }
    enum ReportSetup: String, ProseChoice { static let group = "report_setup"; case reached }
    enum Deviations: String, ProseChoice { static let group = "deviations"; case justified, notNeeded = "not_needed" }

    static let choices: [any ProseChoice.Type] = [TroughVerdict.self, TroughCause.self, PaperSetup.self, OutputLayer.self,
                                                  ReportSetup.self, Deviations.self]

    static func render(config: Example1aStage.Config, summaries: [AblationSummary], minimum: Double, checks: [Check]) throws -> String {
        let prose = try ExampleFolder().document(choices: choices)
        return try prose.render(values(config: config, summaries: summaries, minimum: minimum, checks: checks, prose: prose))
    }

    static func values(config: Example1aStage.Config, summaries: [AblationSummary], minimum: Double,
                       checks: [Check], prose: ProseDocument) throws -> [String: String] {
        let f = ProseNumber.fmt
        let rows = summaries.map { s -> [String] in
            let slopeRatio = ClampSlope.at(log(2), clamp: s.variant.clamp) / ClampSlope.at(log(4), clamp: s.variant.clamp)
            return [s.variant.label, "\(s.runs.count)", f(s.divergedFraction, 2), f(s.stalledFraction, 2), f(s.reachedFraction, 2),
                    f(s.medianGap, 4), pm(s.troughError), pm(s.peakError), f(slopeRatio, 2)]
        }
        return [
            "minimum": f(minimum, 4),
            "reach_gap": ProseNumber.g(config.reachGap),
            "removed_percent": ProseNumber.percent(config.removedFraction),
            "atan2_slope_ratio": f(ClampSlope.at(log(2), clamp: .atan(2)) / ClampSlope.at(log(4), clamp: .atan(2)), 2),
            "results_table": Markdown.table(
                header: ["variant", "seeds", "diverged", "stalled (gap > \(ProseNumber.g(config.reachGap)))", "reached",
                         "median gap (nats)", "σ̂/σ − 1 at troughs (mean ± SE)", "σ̂/σ − 1 at peaks", "clamp slope log 2 / log 4"],
                rows: rows),
            "trough_verdict": try troughVerdict(summaries, config: config, prose: prose),
            "paper_verdict": try paperVerdict(summaries, config: config, prose: prose),
            "findings": try CheckFindings.list(checks),
            "protocol": try SingleCouplingProse.bullets(config.base),
        ]
    }

    /// "mean % ± SE %"; a read-out off by more than a factor 10 (a run far from the optimum) in powers of ten.
    static func pm(_ x: MonteCarloEstimate) -> String {
        guard !x.value.isNaN else { return "—" }
        let show = { (v: Double) in abs(v) > 10 ? ProseNumber.sci(100 * v) + " %" : ProseNumber.fmt(100 * v, 1) + " %" }
        return show(x.value) + " ± " + (x.standardError.isFinite ? show(x.standardError) : "—")
    }

    /// Which clamp variants remove the trough miss of the report's atan(2), decided from the numbers.
    static func troughVerdict(_ summaries: [AblationSummary], config: Example1aStage.Config, prose: ProseDocument) throws -> String {
        guard let report = summaries.first(where: { $0.variant.key == "atan2" }), !report.troughErrors.isEmpty else {
            return try prose.text(TroughVerdict.noFiniteRun)
        }
        let base = abs(report.troughError.value)
        let others = summaries.filter { !$0.variant.isPaperSetup && $0.variant.key != "atan2" && !$0.troughErrors.isEmpty }
        let removing = others.filter { abs($0.troughError.value) < config.removedFraction * base }
        let keeping = others.filter { abs($0.troughError.value) >= config.removedFraction * base }
        let f = ProseNumber.fmt
        let list = { (xs: [AblationSummary]) in xs.map { "\($0.variant.label) (\(f(100 * $0.troughError.value, 1)) %)" }.joined(separator: ", ") }
        let removed = ProseNumber.percent(config.removedFraction)
        let cause = removing.isEmpty ? try prose.text(TroughCause.noneRemoved, ["removed_percent": removed, "keeping": list(keeping)])
            : keeping.isEmpty ? try prose.text(TroughCause.allRemoved, ["removed_percent": removed, "removing": list(removing)])
            : try prose.text(TroughCause.someRemoved, ["removed_percent": removed, "removing": list(removing), "keeping": list(keeping)])
        return try prose.text(TroughVerdict.measured, [
            "trough": f(100 * report.troughError.value, 1), "trough_se": f(100 * report.troughError.standardError, 1),
            "peak": f(100 * report.peakError.value, 1), "cause": cause,
        ])
    }

    /// What happens to the paper's exact setup, and whether that justifies the report's deviations.
    static func paperVerdict(_ summaries: [AblationSummary], config: Example1aStage.Config, prose: ProseDocument) throws -> String {
        let f = ProseNumber.fmt
        let reached = { (s: AblationSummary) in s.runs.filter { ($0.gap ?? .infinity) <= config.reachGap }.count }
        let runs = try summaries.filter(\.variant.isPaperSetup).map { s in
            try prose.text(PaperSetup.run, [
                "output_layer": try prose.text(s.variant.zeroOutputLayer ? OutputLayer.zero : .defaultLayer),
                "diverged": "\(s.runs.filter(\.diverged).count)", "seeds": "\(s.runs.count)",
                "stalled": "\(s.finite.filter { ($0.gap ?? .infinity) > config.reachGap }.count)",
                "reached": "\(s.finite.filter { ($0.gap ?? .infinity) <= config.reachGap }.count)", "median_gap": f(s.medianGap, 4),
            ])
        }
        var lines = [try prose.text(PaperSetup.summary, ["runs": runs.joined(separator: "; ")])]
        if let r = summaries.first(where: { $0.variant.key == "atan2" }) {
            lines.append(try prose.text(ReportSetup.reached, ["reached": "\(reached(r))", "seeds": "\(r.runs.count)", "median_gap": f(r.medianGap, 4)]))
            let paperRate = summaries.filter(\.variant.isPaperSetup).map(\.reachedFraction).max() ?? .nan
            lines.append(try prose.text(r.reachedFraction > paperRate ? Deviations.justified : .notNeeded))
        }
        return lines.joined(separator: "\n")
    }
}

extension Example1aStage: ProseChoosing {
    static var proseChoices: [any ProseChoice.Type] { Example1aProse.choices }
}
