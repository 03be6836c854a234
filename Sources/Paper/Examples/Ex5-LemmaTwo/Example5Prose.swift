import Foundation
import Report

/// The values the Example 5 prose (`prose.md` beside this file) puts in by name.
enum Example5Prose {
    static func values(config: Example5Stage.Config, results: [Lemma2CaseResult], power: Lemma2Power, testSamples: Int,
                       checks: [Check]) throws -> [String: String] {
        let f = ProseNumber.fmt, e = { ProseNumber.sci($0) }
        let rows = results.map { r -> [String] in
            [r.plotted.name, e(r.before.statistic), f(r.before.pValue, 4), e(r.optimal.statistic), f(r.optimal.pValue, 4),
             e(r.after.statistic), f(r.after.pValue, 4), "\(r.after.permutations)", f(r.trainedLoss.value, 4) + " ± " + f(r.trainedLoss.standardError, 4), f(r.bound, 4)]
        }
        let trainingFindings = findings(config: config, results: results, testSamples: testSamples)
        return [
            "samples_drawn": "\(max(config.plotSamples, testSamples))",
            "sequential_exceedances": "\(config.sequentialExceedances)",
            "sequential_exceedances_twice": "\(2 * config.sequentialExceedances)",
            "kernel_ranks": kernelRanks(results),
            "test_samples": "\(testSamples)",
            "power_epsilon": ProseNumber.g(config.powerEpsilon),
            "power_target": ProseNumber.g(config.powerTarget),
            "power_repetitions": "\(config.powerRepetitions)",
            "power_sizes": ProseNumber.list(config.powerSampleSizes),
            "power_table": Markdown.table(header: ["pairs", "rejection rate (power)", "mean permutations drawn"],
                                          rows: power.sampleSizes.indices.map { k in
                                              ["\(power.sampleSizes[k])", f(power.rejectionRates[k], 2), f(power.meanPermutations[k], 1)]
                                          }),
            "power_verdict": powerVerdict(power, config: config, testSamples: testSamples),
            "positive_g_p": pValue(results, "skew_positive_g"),
            "sign_changing_g_p": pValue(results, "counterexample"),
            "sign_verdict": signVerdict(results, config: config),
            "permutations": "\(config.permutations)",
            "permutations_plus_one": "\(config.permutations + 1)",
            "independent_minimum": ProseNumber.g(config.independentMinimumPValue),
            "passive_bins": "\(config.passiveBins)",
            "before_permutations": "\(config.beforePermutations)",
            "before_permutations_plus_one": "\(config.beforePermutations + 1)",
            "results_table": Markdown.table(
                header: ["case", "HSIC(p, a) before", "p-value", "HSIC, exact optimal layer", "p-value", "HSIC(p, a′) trained layer",
                         "p-value", "permutations drawn", "held-out ML loss ± SE", "Theorem 1 minimum"], rows: rows),
            "findings": [CheckFindings.list(checks), trainingFindings].filter { !$0.isEmpty }.joined(separator: "\n\n"),
            "verdict_rule": try VerdictRuleProse.text(),
            "seeds": "\(config.seeds)",
            "protocol": SingleCouplingProse.reference(config.coupling),
        ]
    }

    /// The range of the kernel factor's rank over the cases' trained-layer tests, e.g. "17–53".
    static func kernelRanks(_ results: [Lemma2CaseResult]) -> String {
        let ranks = results.map(\.after.rank)
        guard let lo = ranks.min(), let hi = ranks.max() else { return "—" }
        return lo == hi ? "\(lo)" : "\(lo)–\(hi)"
    }

    /// The test size and its measured power, or that no tried size reached the target.
    static func powerVerdict(_ power: Lemma2Power, config: Example5Stage.Config, testSamples: Int) -> String {
        let rate = ProseNumber.fmt(power.rejectionRates.last ?? .nan, 2)
        if power.chosen != nil {
            return "The tests below use $n = \(testSamples)$ pairs, the smallest tried size whose power reached \(ProseNumber.g(config.powerTarget)) (measured \(rate))."
        }
        return "**No tried size reached power \(ProseNumber.g(config.powerTarget)).** The tests below use the largest, $n = \(testSamples)$ pairs, with measured power \(rate): a p-value above the level is weak evidence of independence there."
    }

    /// The exact optimal layer's p-value of one case ("—" when the case was not run).
    static func pValue(_ results: [Lemma2CaseResult], _ key: String) -> String {
        results.first { $0.key == key }.map { ProseNumber.fmt($0.optimal.pValue, 4) } ?? "—"
    }

    /// The paired verdict on g > 0 vs sign-changing g, stated from the measured p-values (the
    /// sentence with the two p-values is in prose.md).
    static func signVerdict(_ results: [Lemma2CaseResult], config: Example5Stage.Config) -> String {
        guard let pos = results.first(where: { $0.key == "skew_positive_g" }),
              let flip = results.first(where: { $0.key == "counterexample" }) else { return "" }
        let alpha = config.independentMinimumPValue
        let posIndependent = pos.optimal.pValue >= alpha, flipDependent = flip.optimal.pValue < alpha
        return posIndependent && flipDependent
            ? "The same noise gives an output independent of $p$ when $g > 0$ and a dependent one when $g$ changes sign: **Lemma 2 as printed is false; it holds with the condition $g > 0$.**"
            : "The paired test did not separate the two cases as the restated lemma predicts (g > 0: independent \(posIndependent ? "yes" : "no"); sign-changing g: dependent \(flipDependent ? "yes" : "no")); see the table."
    }

    /// A paragraph for every case where the trained layer's verdict differs from the exact optimal layer's.
    static func findings(config: Example5Stage.Config, results: [Lemma2CaseResult], testSamples: Int) -> String {
        let f = ProseNumber.fmt
        return results.compactMap { r -> String? in
            let independentCase = Example5Stage.isIndependentCase(r.key)
            guard independentCase, r.after.pValue < config.independentMinimumPValue else { return nil }
            let gap = r.trainedLoss.value - r.bound
            return "**Finding (\(r.plotted.name)).** After the trained layer the test rejects independence (p = \(f(r.after.pValue, 4)) < "
                + "\(config.independentMinimumPValue)), while for Lemma 1's exact optimal layer it does not (p = \(f(r.optimal.pValue, 4))). "
                + "The trained layer's held-out loss is \(f(gap, 3)) nats above the Theorem 1 minimum (SE \(f(r.trainedLoss.standardError, 3))): "
                + "it has not fully learned $m(p)$ and $σ(p)$, and HSIC over \(config.passiveBins) $p$-bins with \(testSamples) pairs detects what is left: "
                + "I(a′; p) = \(f(r.mutualInformation.first ?? .nan, 4)) nats for this layer. "
                + "This is a limit of the training, not a counter-example to Lemma 2; in nats it is judged by the mutual-information check above."
        }.joined(separator: "\n\n")
    }
}
