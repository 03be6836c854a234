import Foundation
import Report

/// The values the Example 5 prose (`prose.md` beside this file) puts in by name; the verdicts'
/// sentences are the file's alternatives.
enum Example5Prose {
    enum PowerVerdict: String, ProseChoice { static let group = "power_verdict"; case reached, notReached = "not_reached" }
    enum SignVerdict: String, ProseChoice { static let group = "sign_verdict"; case restated, notSeparated = "not_separated" }
    /// A trained layer whose test rejects where the exact optimal layer's does not.
    enum TrainedFinding: String, ProseChoice { static let group = "trained_finding"; case rejected }

    static let choices: [any ProseChoice.Type] = [PowerVerdict.self, SignVerdict.self, TrainedFinding.self]

    static func render(config: Example5Stage.Config, results: [Lemma2CaseResult], power: Lemma2Power, testSamples: Int,
                       checks: [Check]) throws -> String {
        let prose = try ExampleFolder().document(choices: choices)
        return try prose.render(values(config: config, results: results, power: power, testSamples: testSamples, checks: checks, prose: prose))
    }

    static func values(config: Example5Stage.Config, results: [Lemma2CaseResult], power: Lemma2Power, testSamples: Int,
                       checks: [Check], prose: ProseDocument) throws -> [String: String] {
        let f = ProseNumber.fmt, e = { ProseNumber.sci($0) }
        let rows = results.map { r -> [String] in
            [r.plotted.name, e(r.before.statistic), f(r.before.pValue, 4), e(r.optimal.statistic), f(r.optimal.pValue, 4),
             e(r.after.statistic), f(r.after.pValue, 4), "\(r.after.permutations)", f(r.trainedLoss.value, 4) + " ± " + f(r.trainedLoss.standardError, 4), f(r.bound, 4)]
        }
        let trainingFindings = try findings(config: config, results: results, testSamples: testSamples, prose: prose)
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
            "power_verdict": try powerVerdict(power, config: config, testSamples: testSamples, prose: prose),
            "positive_g_p": pValue(results, "skew_positive_g"),
            "sign_changing_g_p": pValue(results, "counterexample"),
            "sign_verdict": try signVerdict(results, config: config, prose: prose),
            "permutations": "\(config.permutations)",
            "permutations_plus_one": "\(config.permutations + 1)",
            "independent_minimum": ProseNumber.g(config.independentMinimumPValue),
            "passive_bins": "\(config.passiveBins)",
            "before_permutations": "\(config.beforePermutations)",
            "before_permutations_plus_one": "\(config.beforePermutations + 1)",
            "results_table": Markdown.table(
                header: ["case", "HSIC(p, a) before", "p-value", "HSIC, exact optimal layer", "p-value", "HSIC(p, a′) trained layer",
                         "p-value", "permutations drawn", "held-out ML loss ± SE", "Theorem 1 minimum"], rows: rows),
            "findings": [try CheckFindings.list(checks), trainingFindings].filter { !$0.isEmpty }.joined(separator: "\n\n"),
            "verdict_rule": try VerdictRuleProse.text(),
            "seeds": "\(config.seeds)",
            "protocol": try SingleCouplingProse.reference(config.coupling),
        ]
    }

    /// The range of the kernel factor's rank over the cases' trained-layer tests, e.g. "17–53".
    static func kernelRanks(_ results: [Lemma2CaseResult]) -> String {
        let ranks = results.map(\.after.rank)
        guard let lo = ranks.min(), let hi = ranks.max() else { return "—" }
        return lo == hi ? "\(lo)" : "\(lo)–\(hi)"
    }

    /// The test size and its measured power, or that no tried size reached the target.
    static func powerVerdict(_ power: Lemma2Power, config: Example5Stage.Config, testSamples: Int, prose: ProseDocument) throws -> String {
        try prose.text(power.chosen != nil ? PowerVerdict.reached : .notReached, [
            "n": "\(testSamples)", "target": ProseNumber.g(config.powerTarget), "rate": ProseNumber.fmt(power.rejectionRates.last ?? .nan, 2),
        ])
    }

    /// The exact optimal layer's p-value of one case ("—" when the case was not run).
    static func pValue(_ results: [Lemma2CaseResult], _ key: String) -> String {
        results.first { $0.key == key }.map { ProseNumber.fmt($0.optimal.pValue, 4) } ?? "—"
    }

    /// The paired verdict on g > 0 vs sign-changing g, stated from the measured p-values (the
    /// sentence with the two p-values is in the main text of prose.md).
    static func signVerdict(_ results: [Lemma2CaseResult], config: Example5Stage.Config, prose: ProseDocument) throws -> String {
        guard let pos = results.first(where: { $0.key == "skew_positive_g" }),
              let flip = results.first(where: { $0.key == "counterexample" }) else { return "" }
        let alpha = config.independentMinimumPValue
        let posIndependent = pos.optimal.pValue >= alpha, flipDependent = flip.optimal.pValue < alpha
        if posIndependent && flipDependent { return try prose.text(SignVerdict.restated) }
        return try prose.text(SignVerdict.notSeparated, ["positive_independent": posIndependent ? "yes" : "no",
                                                         "sign_changing_dependent": flipDependent ? "yes" : "no"])
    }

    /// A paragraph for every case where the trained layer's verdict differs from the exact optimal layer's.
    static func findings(config: Example5Stage.Config, results: [Lemma2CaseResult], testSamples: Int, prose: ProseDocument) throws -> String {
        let f = ProseNumber.fmt
        return try results.compactMap { r -> String? in
            let independentCase = Example5Stage.isIndependentCase(r.key)
            guard independentCase, r.after.pValue < config.independentMinimumPValue else { return nil }
            return try prose.text(TrainedFinding.rejected, [
                "case": r.plotted.name, "p_after": f(r.after.pValue, 4), "level": "\(config.independentMinimumPValue)",
                "p_optimal": f(r.optimal.pValue, 4), "gap": f(r.trainedLoss.value - r.bound, 3), "se": f(r.trainedLoss.standardError, 3),
                "bins": "\(config.passiveBins)", "pairs": "\(testSamples)", "mutual_information": f(r.mutualInformation.first ?? .nan, 4),
            ])
        }.joined(separator: "\n\n")
    }
}

extension Example5Stage: ProseChoosing {
    static var proseChoices: [any ProseChoice.Type] { Example5Prose.choices }
}
