import CouplingTheory
import Foundation
import Report

/// The values the Example 6 prose (`prose.md` beside this file) puts in by name.
enum Example6Prose {
    static func values(result r: DeepProblemResult, config: Example6Stage.Config, klOffset: Double, checks: [Check]) throws -> [String: String] {
        let c = config.run
        let methods = Example6Stage.methods
        let f = ProseNumber.f3
        let klRows = (0..<c.depth).map { d in
            ["\(d + 1)"] + methods.map { DeepProse.meanLoss(r.methods[$0]!, depth: d + 1, config: c, offset: klOffset) }
        }
        let final = { (m: DeepMethod) in f(r.methods[m]!.meanLoss.last! + klOffset, 3) }
        var v = try DeepProse.sharedValues(c, tolerances: config.tolerances)
        v["kl_identity"] = f(r.identityLoss + klOffset, 3)
        v["square_margin"] = ProseNumber.g(ClaimCatalog.squareMargin)
        v["sanity"] = f(config.tolerances.sanity, 2)
        v["figure_depths"] = ProseNumber.list(config.figureDepths)
        v["converged"] = DeepProse.convergenceRows([r], methods: methods)[0].dropFirst().enumerated()
            .map { "\(methods[$0.offset].label) \($0.element)" }.joined(separator: ", ")
        v["kl_table"] = Markdown.table(header: ["depth"] + methods.map(\.label), rows: klRows)
        v["learning_rate_table"] = Markdown.table(header: ["method", "chosen lr", DeepProse.earlyChoiceHeader] + c.learningRates.map { "lr \($0)" },
                                                  rows: DeepProse.learningRateRows(r, methods: methods))
        v["early_ranking"] = try DeepProse.earlyRanking([r], methods: methods, pairs: "\(methods.count) methods", depth: c.depth)
        v["training_cost"] = try DeepProse.trainingCost([r], methods: methods)
        v["kl_final_lw_oas"] = final(.lwOAS)
        v["kl_final_lw_rnd"] = final(.lwRND)
        v["kl_final_e2e"] = final(.e2e)
        v["findings"] = try DeepFindings.summary(checks)
        v["held_out"] = "\(c.heldOutCount)"
        return v
    }
}
