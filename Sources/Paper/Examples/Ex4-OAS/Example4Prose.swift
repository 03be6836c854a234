import Foundation
import Report

/// The values the Example 4 prose (`prose.md` beside this file) puts in by name.
enum Example4Prose {
    static func values(config: Example4Stage.Config, exact: ExactDeltaCurve, sweeps: [BinnedDeltaSweep],
                       optimum: [OptimumBiasStudy], checks: [Check]) -> [String: String] {
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
            "checked_from_n": "\(config.oasCheckedFromN)",
            "minimum_hit_percent": ProseNumber.percent(config.oasMinimumHitFraction),
            "bias_tolerance": ProseNumber.g(config.binnedBiasTolerance),
            "delta_max": f(exact.delta.max() ?? .nan, 4),
            "oas_table": oasTable(config: config, sweeps: sweeps, argmax: argmax),
            "optimum_sizes": ProseNumber.list(config.optimumSampleSizes),
            "optimum_se_multiple": ProseNumber.g(config.optimumSEMultiple),
            "optimum_table": optimumTable(optimum),
            "optimum_finding": optimumFinding(optimum, hits: sweeps, config: config, argmax: argmax),
            "findings": CheckFindings.list(checks),
        ]
    }

    /// The few-samples verdict in words: how large the bias and the angle error are at the smallest judged N,
    /// next to the share of hits (what the paper's "about 256 suffice" rests on).
    static func optimumFinding(_ studies: [OptimumBiasStudy], hits sweeps: [BinnedDeltaSweep], config: Example4Stage.Config,
                               argmax: Double) -> String {
        guard let s = studies.min(by: { $0.sampleSize < $1.sampleSize }) else { return "" }
        let f = ProseNumber.fmt, k = config.optimumSEMultiple
        let hit = sweeps.first { $0.sampleSize == s.sampleSize }?.hitFraction(targets: [argmax, 180 - argmax], tolerance: config.oasAngleToleranceDeg) ?? .nan
        let biased = abs(s.deltaBias) > k * s.deltaBiasSE
        return "At N = \(s.sampleSize), Δ̂(θ*) is off by \(f(s.deltaBias, 4)) nats (\(f(100 * s.deltaBias / s.exactDelta, 1)) % of Δ, SE \(f(s.deltaBiasSE, 4))): "
            + (biased ? "**a bias larger than \(ProseNumber.g(k)) SE** — binning with \(config.bins) bins over \(s.sampleSize) samples overestimates Δ. "
                      : "no bias beyond \(ProseNumber.g(k)) SE. ")
            + "The OAS angle errs by \(f(s.angleErrorMean, 2))° on average (RMS \(f(s.angleErrorRMS, 2))°, 90 % within \(f(s.angleErrorP90, 1))°), "
            + "and \(ProseNumber.percent(hit)) of seeds land within ±\(f(config.oasAngleToleranceDeg, 0))° of θ*: the angle OAS picks from few samples is close to the optimum, "
            + "the value of Δ it reports there is \(biased ? "not" : "also") within the noise of the exact one."
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
    static func oasTable(config: Example4Stage.Config, sweeps: [BinnedDeltaSweep], argmax: Double) -> String {
        let f = ProseNumber.fmt
        let rows = sweeps.map { s -> [String] in
            let hits = s.hitFraction(targets: [argmax, 180 - argmax], tolerance: config.oasAngleToleranceDeg)
            let folded = s.oasAngles.map(HalfTurnAngle.foldedToQuarter)
            let spread = SeedStatistics.columnMeanAndStd(folded.map { [$0] })
            return ["\(s.sampleSize)", "\(s.curves.count)", f(spread.mean.first ?? .nan, 1) + "° ± " + f(spread.std.first ?? .nan, 1) + "°",
                    f(hits, 2)]
        }
        return Markdown.table(header: ["N", "seeds", "OAS angle folded to [0°, 90°] (mean ± std)",
                                       "share within ±\(f(config.oasAngleToleranceDeg, 0))°"], rows: rows)
    }
}
