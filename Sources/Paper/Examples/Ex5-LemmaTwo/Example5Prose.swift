import Foundation
import Report

/// The values the Example 5 prose (`prose.md` beside this file) puts in by name.
enum Example5Prose {
    static func values(config: Example5Stage.Config, results: [Lemma2CaseResult], checks: [Check]) throws -> [String: String] {
        let f = ProseNumber.fmt, e = { ProseNumber.sci($0) }
        let rows = results.map { r -> [String] in
            [r.plotted.name, e(r.before.statistic), f(r.before.pValue, 4), e(r.optimal.statistic), f(r.optimal.pValue, 4),
             e(r.after.statistic), f(r.after.pValue, 4), f(r.trainedLoss.value, 4) + " ± " + f(r.trainedLoss.standardError, 4), f(r.bound, 4)]
        }
        let trainingFindings = findings(config: config, results: results)
        return [
            "plot_samples": "\(config.plotSamples)",
            "test_samples": "\(config.testSamples)",
            "permutations": "\(config.permutations)",
            "permutations_plus_one": "\(config.permutations + 1)",
            "independent_minimum": ProseNumber.g(config.independentMinimumPValue),
            "dependent_maximum": ProseNumber.g(config.dependentMaximumPValue),
            "passive_bins": "\(config.passiveBins)",
            "before_permutations": "\(config.beforePermutations)",
            "before_permutations_plus_one": "\(config.beforePermutations + 1)",
            "results_table": Markdown.table(
                header: ["case", "HSIC(p, a) before", "p-value", "HSIC, exact optimal layer", "p-value", "HSIC(p, a′) trained layer",
                         "p-value", "held-out ML loss ± SE", "Theorem 1 minimum"], rows: rows),
            "findings": [CheckFindings.list(checks), trainingFindings].filter { !$0.isEmpty }.joined(separator: "\n\n"),
            "protocol": try SingleCouplingProse.bullets(config.coupling),
        ]
    }

    /// A paragraph for every case where the trained layer's verdict differs from the exact optimal layer's.
    static func findings(config: Example5Stage.Config, results: [Lemma2CaseResult]) -> String {
        let f = ProseNumber.fmt
        return results.compactMap { r -> String? in
            let independentCase = r.key != "counterexample"
            guard independentCase, r.after.pValue < config.independentMinimumPValue else { return nil }
            let gap = r.trainedLoss.value - r.bound
            return "**Finding (\(r.plotted.name)).** After the trained layer the test rejects independence (p = \(f(r.after.pValue, 4)) < "
                + "\(config.independentMinimumPValue)), while for Lemma 1's exact optimal layer it does not (p = \(f(r.optimal.pValue, 4))). "
                + "The trained layer's held-out loss is \(f(gap, 3)) nats above the Theorem 1 minimum (SE \(f(r.trainedLoss.standardError, 3))): "
                + "it has not fully learned $m(p)$ and $σ(p)$, and HSIC over \(config.passiveBins) $p$-bins with \(config.testSamples) pairs detects what is left. "
                + "This is a limit of the training, not a counter-example to Lemma 2."
        }.joined(separator: "\n\n")
    }
}
