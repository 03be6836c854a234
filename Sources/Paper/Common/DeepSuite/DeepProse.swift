import CouplingTheory
import Foundation
import Report

/// Markdown pieces shared by the Example 6 and 7 sections: the methods, the fairness rule and
/// the deviations are prose files beside this file; the tables are built here from the results.
enum DeepProse {
    /// A measured loss with 3 decimals ("diverged" for a failed run).
    static func f(_ x: Double, _ digits: Int = 3) -> String { ProseNumber.fmt(x, digits) }

    /// A method's seed-mean held-out loss at depth `d` (1-based) plus `offset`, for the tables: "—" where the method
    /// has no model of that depth (end-to-end flows are trained only at `endToEndDepths`). Not "diverged", which is
    /// what `f` writes for NaN: a diverged run at the chosen learning rate stops the stage instead.
    static func meanLoss(_ r: DeepMethodResult, depth d: Int, config c: DeepRunConfig, offset: Double) -> String {
        if r.method.mode == nil && !c.endToEndDepths.contains(d) { return "—" }
        return f(r.meanLoss[d - 1] + offset)
    }

    /// The values both deep sections share.
    static func sharedValues(_ c: DeepRunConfig, tolerances t: DeepTolerances) throws -> [String: String] {
        [
            "methods": try ExampleFolder.commonPiece("DeepSuite/methods.md"),
            "fairness": try ExampleFolder.commonPiece("DeepSuite/fairness.md", [
                "validation_points": "\(c.tracePoints)", "validation_count": "\(c.validationCount)",
                "decay_factor": f(c.schedule.decayFactor, 2), "convergence_tolerance": f(c.convergence.tolerance, 2),
                "e2e_depths": ProseNumber.list(c.endToEndDepths),
                "minimum_converged": "\(max(2, t.minimumConvergedSeeds))",
                "margin_rule": marginRule(t, seeds: c.seeds),
            ]),
            "deviations": try ExampleFolder.commonPiece("DeepSuite/deviations.md", [
                "subnet": "1 → " + c.hiddenWidths.map(String.init).joined(separator: " → ") + " → 2",
                "clamp": f(c.clamp, 1), "seeds": "\(c.seeds)",
                "layerwise_pool": c.layerwisePool.map(String.init) ?? "(none: a fresh push-forward every step)",
                "e2e_steps": c.endToEndStepsPerBlock > 0 ? "max(\(c.endToEndSteps), \(c.endToEndStepsPerBlock)·d)" : "\(c.endToEndSteps)",
            ]),
            "held_out": "\(c.heldOutCount)",
            "depth": "\(c.depth)",
            "seeds": "\(c.seeds)",
        ]
    }

    /// The decision rule for margins, in words (the paper profile's 2-SE rule, or none).
    static func marginRule(_ t: DeepTolerances, seeds: Int) -> String {
        guard t.marginSEs > 0 else {
            return "**Margins.** This profile decides each claim by the sign of the seed-mean margin alone (too few seeds for a standard error)."
        }
        let k = f(t.marginSEs, 0)
        return "**Margins beyond seed noise.** Every margin is a difference of two seed means, with standard error √(SE₁² + SE₂²) over the \(seeds) seeds. "
            + "A claim is decided only by a margin that clears its threshold by \(k) SE: \"A beats B\" passes when the margin exceeds \(k) SE at every compared depth "
            + "and fails when, at some depth, the reverse holds by more than \(k) SE; \"within x nats\" passes when gap + \(k) SE ≤ x and fails when gap − \(k) SE > x. "
            + "Anything between is *inconclusive (seed noise)*. More seeds would decide it unless the true margin sits on the threshold: "
            + "the check's note says about how many seeds per method would, if the margin and its spread stayed as measured (the SE falls as 1/√n). With \(seeds) seeds the SE is itself uncertain, so this is a decision convention, not a test at a fixed level."
    }

    /// The chosen learning rate and the validation loss of every searched rate, per method.
    static func learningRateRows(_ r: DeepProblemResult, methods: [DeepMethod], rates: [Double]) -> [[String]] {
        methods.map { m in
            let res = r.methods[m]!
            return [m.label, String(res.chosenLearningRate)] + res.validationByLearningRate.map { f($0) }
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
