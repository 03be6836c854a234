import CouplingTheory
import Foundation
import Report

/// Markdown pieces shared by the Example 6 and 7 sections: the methods, the fairness rule (with the
/// decision rule) and the deviations are prose files beside this file, the deviations' sentences that
/// depend on the settings as its alternatives; the tables are built here from the results.
enum DeepProse {
    /// A method's seed-mean held-out loss at depth `d` (1-based) plus `offset`, for the tables: "—" where the method
    /// has no model of that depth (end-to-end flows are trained only at `endToEndDepths`). Not "diverged", which is
    /// what `ProseNumber.f3` writes for NaN: a diverged run at the chosen learning rate stops the stage instead.
    static func meanLoss(_ r: DeepMethodResult, depth d: Int, config c: DeepRunConfig, offset: Double) -> String {
        if r.method.mode == nil && !c.endToEndDepths.contains(d) { return "—" }
        return ProseNumber.f3(r.meanLoss[d - 1] + offset)
    }

    /// How layer-wise iterations get their samples: a pool pushed once through the frozen blocks, or a
    /// fresh push-forward every step (`DeepRunConfig.layerwisePool`).
    enum LayerwiseData: String, ProseChoice { static let group = "layerwise_data"; case pool, fresh }
    /// The Adam steps of an end-to-end flow: the same at every depth, or growing with the depth.
    enum EndToEndSteps: String, ProseChoice { static let group = "e2e_steps"; case fixed, perBlock = "per_block" }

    static let deviationsChoices: [any ProseChoice.Type] = [LayerwiseData.self, EndToEndSteps.self]

    /// `Common/DeepSuite/deviations.md`, whose sentences on the training budget depend on the settings.
    static func deviationsDocument() throws -> ProseDocument {
        try ExampleFolder.commonDocument("DeepSuite/deviations.md", choices: deviationsChoices)
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
                "interval_percent": ProseNumber.fmt(100 * (1 - 2 * ClaimCatalog.alpha), 0), "seeds": "\(c.seeds)",
            ]),
            "deviations": try deviations(c),
            "held_out": "\(c.heldOutCount)",
            "depth": "\(c.depth)",
            "seeds": "\(c.seeds)",
        ]
    }

    /// The deviations from the paper, with the sentences that depend on the settings chosen and filled.
    static func deviations(_ c: DeepRunConfig) throws -> String {
        let prose = try deviationsDocument()
        let layerwise = try c.layerwisePool.map { try prose.text(LayerwiseData.pool, ["pool": "\($0)"]) } ?? prose.text(LayerwiseData.fresh)
        let e2eSteps = try c.endToEndStepsPerBlock > 0
            ? prose.text(EndToEndSteps.perBlock, ["steps": "\(c.endToEndSteps)", "steps_per_block": "\(c.endToEndStepsPerBlock)"])
            : prose.text(EndToEndSteps.fixed, ["steps": "\(c.endToEndSteps)"])
        return try prose.render([
            "subnet": "1 → " + c.hiddenWidths.map(String.init).joined(separator: " → ") + " → 2",
            "clamp": ProseNumber.fmt(c.clamp, 1), "seeds": "\(c.seeds)",
            "layerwise_data": layerwise, "e2e_steps": e2eSteps,
        ])
    }

    /// The header cell of the column with the rate an early ranking would keep (`earlyChoice`).
    static var earlyChoiceHeader: String { "kept at \(ProseNumber.percent(EarlyRanking.fraction))" }

    /// The chosen learning rate, the one an early ranking would keep, and the validation loss of every searched
    /// rate plus `offset`, per method.
    static func learningRateRows(_ r: DeepProblemResult, methods: [DeepMethod], offset: Double = 0) -> [[String]] {
        methods.map { m in
            let res = r.methods[m]!
            return [m.label, String(res.chosenLearningRate), earlyChoice(res)] + res.validationByLearningRate.map { ProseNumber.f3($0 + offset) }
        }
    }

    /// Whether ranking by the validation loss early in the runs keeps the rates the whole runs chose.
    enum EarlyRankingOutcome: String, ProseChoice { static let group = "early_ranking"; case same, differs }

    /// The rate a first round of successive halving would keep (`EarlyRanking`): "—" when no run has a point that early.
    static func earlyChoice(_ r: DeepMethodResult) -> String { r.earlyChosenLearningRate.map { String($0) } ?? "—" }

    /// `Common/DeepSuite/early-ranking.md`: how often ranking the searched rates by their validation loss early in the
    /// runs would keep another rate than the whole runs, and the largest cost of that in seed 0's final validation
    /// loss; `pairs` names what was searched ("30 toy × method pairs"), and a pair is named by its problem when
    /// there are several.
    static func earlyRanking(_ results: [DeepProblemResult], methods: [DeepMethod], pairs: String, depth: Int) throws -> String {
        let prose = try ExampleFolder.commonDocument("DeepSuite/early-ranking.md", choices: [EarlyRankingOutcome.self])
        var differing: [(pair: String, cost: Double)] = []
        for r in results {
            for m in methods {
                let res = r.methods[m]!
                let finals = res.validationByLearningRate
                guard let kept = DeepSuiteRuns.lowest(res.earlyValidationByLearningRate), let chosen = DeepSuiteRuns.lowest(finals),
                      kept != chosen else { continue }
                differing.append(((results.count > 1 ? "\(r.id), " : "") + m.label, finals[kept] - finals[chosen]))
            }
        }
        let outcome: String
        if let worst = differing.max(by: { $0.cost < $1.cost }) {
            outcome = try prose.text(EarlyRankingOutcome.differs, ["differs": "\(differing.count)", "pairs": pairs, "depth": "\(depth)",
                                                                   "worst": ProseNumber.f3(worst.cost), "worst_pair": worst.pair])
        } else {
            outcome = try prose.text(EarlyRankingOutcome.same, ["pairs": pairs])
        }
        return try prose.render(["fraction": ProseNumber.percent(EarlyRanking.fraction), "outcome": outcome])
            .trimmingCharacters(in: .newlines)
    }

    /// `Common/DeepSuite/training-cost.md`: what the training cost and how it is measured, with `costTable`;
    /// `scope` completes "CPU seconds of the training jobs" (", summed over the toys").
    static func trainingCost(_ results: [DeepProblemResult], methods: [DeepMethod], scope: String = "") throws -> String {
        try ExampleFolder.commonPiece("DeepSuite/training-cost.md", ["scope": scope, "cost_table": costTable(results, methods: methods)])
    }

    /// What each method's training cost, summed over problems: CPU seconds of the learning-rate search, of
    /// the seeds at the chosen rate, their sum and its share of all methods' ("—" where a job's time is
    /// missing), and a last row with the totals.
    static func costTable(_ results: [DeepProblemResult], methods: [DeepMethod]) -> String {
        let byMethod = methods.map { m in TrainingCost.sum(results.map { $0.methods[m]?.cost }) }
        let all = TrainingCost.sum(byMethod)
        func row(_ label: String, _ cost: TrainingCost?) -> [String] {
            guard let cost, let all, all.total > 0 else { return [label, "—", "—", "—", "—"] }
            // Whole seconds for the paper profile's minutes, two digits for the fast profile's fractions.
            let seconds = { (x: Double) in ProseNumber.fmt(x, x >= 100 ? 0 : x >= 1 ? 1 : 2) }
            return [label] + [cost.search, cost.seeds, cost.total].map(seconds) + [ProseNumber.percent(cost.total / all.total)]
        }
        return Markdown.table(header: ["method", "search CPU-s", "seeds CPU-s", "total CPU-s", "share"],
                              rows: zip(methods, byMethod).map { row($0.label, $1) } + [row("all", all)])
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
