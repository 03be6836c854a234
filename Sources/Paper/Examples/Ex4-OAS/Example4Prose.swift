import Foundation
import Report

/// The values the Example 4 prose (`prose.md` beside this file) puts in by name.
enum Example4Prose {
    /// The few-samples result in words, at the judged sample size (only when it was run).
    enum OptimumFinding: String, ProseChoice { static let group = "optimum_finding"; case atJudgedSize = "at_judged_size" }

    static let choices: [any ProseChoice.Type] = [OptimumFinding.self]

    static func render(config: Example4Stage.Config, exact: ExactDeltaCurve, sweeps: [BinnedDeltaSweep],
                       optimum: [OptimumBiasStudy], regrets: [Int: [Double]], checks: [Check]) throws -> String {
        let prose = try ExampleFolder().document(choices: choices)
        return try prose.render(values(config: config, exact: exact, sweeps: sweeps, optimum: optimum, regrets: regrets,
                                       checks: checks, prose: prose))
    }

    static func values(config: Example4Stage.Config, exact: ExactDeltaCurve, sweeps: [BinnedDeltaSweep],
                       optimum: [OptimumBiasStudy], regrets: [Int: [Double]], checks: [Check],
                       prose: ProseDocument) throws -> [String: String] {
        let f = ProseNumber.fmt
        let argmax = exact.argmaxInQuarter
        return [
            "delta": ProseNumber.g(config.delta),
            "sigma": f((1 - config.delta * config.delta).squareRoot(), 4),
            "bins": "\(config.bins)",
            "delta_zero_closed_form": f(Example4ClosedForm.deltaAtZero(delta: config.delta), 6),
            "delta_zero_curve": f(exact.delta.first ?? .nan, 6),
            "exact_step": f(config.exactStepDeg, 0),
            "legendre_order": "\(config.legendreOrder)",
            "legendre_panels": "\(config.legendrePanels)",
            "quadrature_agreement": ProseNumber.g(config.quadratureAgreement),
            "sample_sizes": ProseNumber.list(config.sampleSizes),
            "seeds": "\(config.seedsPerSize)",
            "candidate_step": f(config.candidateStepDeg, 0),
            "argmax": f(argmax, 0),
            "angle_tolerance": f(config.oasAngleToleranceDeg, 0),
            "delta_max": f(exact.delta.max() ?? .nan, 4),
            "oas_table": oasTable(config: config, sweeps: sweeps, argmax: argmax, regrets: regrets),
            "optimum_table": optimumTable(optimum),
            "optimum_finding": try optimumFinding(optimum, hits: sweeps, config: config, argmax: argmax, regrets: regrets, prose: prose),
            "findings": try CheckFindings.list(checks),
            "verdict_rule": try VerdictRuleProse.text(),
        ]
    }

    /// The few-samples result in words at N = 256: the regret (the claim), the angle error, and the bias of
    /// Δ̂(θ*) as an effect.
    static func optimumFinding(_ studies: [OptimumBiasStudy], hits sweeps: [BinnedDeltaSweep], config: Example4Stage.Config,
                               argmax: Double, regrets: [Int: [Double]], prose: ProseDocument) throws -> String {
        guard let s = studies.first(where: { $0.sampleSize == 256 }) ?? studies.first else { return "" }
        let f = ProseNumber.fmt
        let hit = sweeps.first { $0.sampleSize == s.sampleSize }?.hitFraction(targets: [argmax, 180 - argmax], tolerance: config.oasAngleToleranceDeg) ?? .nan
        let r = regrets[s.sampleSize] ?? []
        let meanRegret = r.reduce(0, +) / Double(max(r.count, 1))
        return try prose.text(OptimumFinding.atJudgedSize, [
            "n": "\(s.sampleSize)", "mean_regret": f(meanRegret, 4), "max_regret": f(r.max() ?? .nan, 4), "delta_max": f(s.exactDelta, 4),
            "angle_error": f(s.angleErrorMean, 2), "angle_error_rms": f(s.angleErrorRMS, 2), "angle_error_p90": f(s.angleErrorP90, 1),
            "hit_share": ProseNumber.percent(hit), "tolerance": f(config.oasAngleToleranceDeg, 0),
            "bias": f(s.deltaBias, 4), "bias_percent": f(100 * s.deltaBias / s.exactDelta, 1), "bias_se": f(s.deltaBiasSE, 4),
        ])
    }

    /// Per judged N: bias of Δ̂ at θ* (± SE, relative to Δ) and the angle error distribution.
    static func optimumTable(_ studies: [OptimumBiasStudy]) -> String {
        let f = ProseNumber.fmt
        let rows = studies.map { s -> [String] in
            ["\(s.sampleSize)", "\(s.seeds)", f(s.angleDeg, 0) + "°", f(s.exactDelta, 4),
             f(s.deltaBias, 4) + " ± " + f(s.deltaBiasSE, 4), f(100 * s.deltaBias / s.exactDelta, 1) + " %",
             f(s.angleErrorMean, 2) + "° ± " + f(s.angleErrorSE, 2) + "°", f(s.angleErrorRMS, 2) + "°", f(s.angleErrorP90, 1) + "°"]
        }
        return Markdown.table(header: ["N", "seeds", "θ*", "Δ(θ*)", "bias of Δ̂(θ*) ± SE", "bias / Δ", "angle error mean ± SE",
                                       "RMS angle error", "90 % of |angle error| below"], rows: rows)
    }

    /// Per N: seeds, the OAS angle folded to [0°, 90°] (mean ± std) and the share of hits.
    static func oasTable(config: Example4Stage.Config, sweeps: [BinnedDeltaSweep], argmax: Double, regrets: [Int: [Double]]) -> String {
        let f = ProseNumber.fmt
        let rows = sweeps.map { s -> [String] in
            let hits = s.hitFraction(targets: [argmax, 180 - argmax], tolerance: config.oasAngleToleranceDeg)
            let folded = s.oasAngles.map(HalfTurnAngle.foldedToQuarter)
            let spread = SeedStatistics.columnMeanAndStd(folded.map { [$0] })
            let r = regrets[s.sampleSize] ?? []
            return ["\(s.sampleSize)", "\(s.curves.count)", f(spread.mean.first ?? .nan, 1) + "° ± " + f(spread.std.first ?? .nan, 1) + "°",
                    f(hits, 2), f(r.reduce(0, +) / Double(max(r.count, 1)), 4), f(r.max() ?? .nan, 4)]
        }
        return Markdown.table(header: ["N", "seeds", "OAS angle folded to [0°, 90°] (mean ± std)",
                                       "share within ±\(f(config.oasAngleToleranceDeg, 0))°", "mean regret (nats)", "largest regret"], rows: rows)
    }
}

extension Example4Stage: ProseChoosing {
    static var proseChoices: [any ProseChoice.Type] { Example4Prose.choices }
}
