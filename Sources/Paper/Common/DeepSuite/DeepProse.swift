import CouplingTheory
import Foundation
import Report

/// Markdown pieces shared by the Example 6 and 7 sections: the methods, the fairness rule and
/// the deviations are prose files beside this file; the tables are built here from the results.
enum DeepProse {
    /// A method's seed-mean held-out loss at depth `d` (1-based) plus `offset`, for the tables: "—" where the method
    /// has no model of that depth (end-to-end flows are trained only at `endToEndDepths`). Not "diverged", which is
    /// what `ProseNumber.f3` writes for NaN: a diverged run at the chosen learning rate stops the stage instead.
    static func meanLoss(_ r: DeepMethodResult, depth d: Int, config c: DeepRunConfig, offset: Double) -> String {
        if r.method.mode == nil && !c.endToEndDepths.contains(d) { return "—" }
        return ProseNumber.f3(r.meanLoss[d - 1] + offset)
    }

    /// The values both deep sections share.
    static func sharedValues(_ c: DeepRunConfig, tolerances t: DeepTolerances) throws -> [String: String] {
        [
            "methods": try ExampleFolder.commonPiece("DeepSuite/methods.md"),
            "fairness": try ExampleFolder.commonPiece("DeepSuite/fairness.md", [
                "validation_points": "\(c.tracePoints)", "validation_count": "\(c.validationCount)",
                "decay_factor": ProseNumber.fmt(c.schedule.decayFactor, 2), "convergence_tolerance": ProseNumber.fmt(c.convergence.tolerance, 2),
                "e2e_depths": ProseNumber.list(c.endToEndDepths),
                "minimum_converged": "\(max(2, t.minimumConvergedSeeds))",
                "margin_rule": marginRule(seeds: c.seeds),
            ]),
            "deviations": try ExampleFolder.commonPiece("DeepSuite/deviations.md", [
                "subnet": "1 → " + c.hiddenWidths.map(String.init).joined(separator: " → ") + " → 2",
                "clamp": ProseNumber.fmt(c.clamp, 1), "seeds": "\(c.seeds)",
                "layerwise_pool": c.layerwisePool.map(String.init) ?? "(none: a fresh push-forward every step)",
                "e2e_steps": c.endToEndStepsPerBlock > 0 ? "max(\(c.endToEndSteps), \(c.endToEndStepsPerBlock)·d)" : "\(c.endToEndSteps)",
            ]),
            "held_out": "\(c.heldOutCount)",
            "depth": "\(c.depth)",
            "seeds": "\(c.seeds)",
        ]
    }

    /// The decision rule for the comparisons, in words.
    static func marginRule(seeds: Int) -> String {
        "**Margins, decided by intervals.** Every comparison is a difference of two methods' seed means, with a "
            + "\(ProseNumber.fmt(100 * (1 - 2 * ClaimCatalog.alpha), 0)) % Welch interval over the \(seeds) seeds, judged against the claim table's margin: "
            + "pass when the interval lies inside it, fail when it lies entirely outside, *undecided* when it straddles the margin's edge — "
            + "then the check's note says about how many seeds per method would decide it, if the estimate and its spread stayed as measured. "
            + "A claim over several depths holds when every depth passes and fails when one fails."
    }

    /// The chosen learning rate and the validation loss of every searched rate, per method.
    static func learningRateRows(_ r: DeepProblemResult, methods: [DeepMethod], rates: [Double]) -> [[String]] {
        methods.map { m in
            let res = r.methods[m]!
            return [m.label, String(res.chosenLearningRate)] + res.validationByLearningRate.map { ProseNumber.f3($0) }
        }
    }

    /// The per-method share of converged training runs, as a table row per problem.
    static func convergenceRows(_ results: [DeepProblemResult], methods: [DeepMethod]) -> [[String]] {
        results.map { r in
            [r.id] + methods.map { m in
                let res = r.methods[m]!
                return "\(res.convergedRuns)/\(res.totalRuns)" + (res.convergedFraction < 1 ? " (\(ProseNumber.percent(res.convergedFraction)))" : "")
            }
        }
    }
}
