import Foundation
import Report

/// The values the Example 7 prose (`prose.md` beside this file) puts in by name.
enum Example7Prose {
    static func values(results: [DeepProblemResult], config: Example7Stage.Config, nllOffset: Double, checks: [Check],
                       depthOneBounds: [[DepthOneBound]]) throws -> [String: String] {
        let c = config.run
        let methods = Example7Stage.methods
        let f = ProseNumber.f3
        let shown = [1, 2, 3, c.depth / 2, c.depth].filter { $0 >= 1 && $0 <= c.depth }
        let nllRows = results.flatMap { r in
            methods.map { m in [r.id, m.label] + shown.map { DeepProse.meanLoss(r.methods[m]!, depth: $0, config: c, offset: nllOffset) } }
        }
        let lrRows = results.flatMap { r in DeepProse.learningRateRows(r, methods: methods, offset: nllOffset).map { [r.id] + $0 } }
        var v = try DeepProse.sharedValues(c, tolerances: config.tolerances)
        v["toy_margin"] = ProseNumber.g(ClaimCatalog.toyMargin)
        v["shallow_depth"] = "\(config.shallowDepth)"
        v["sanity"] = f(config.tolerances.sanity, 2)
        v["extent"] = ProseNumber.g(config.extent)
        v["e2e_depths"] = ProseNumber.list(c.endToEndDepths)
        v["converged_table"] = Markdown.table(header: ["toy"] + methods.map(\.label), rows: DeepProse.convergenceRows(results, methods: methods))
        v["nll_table"] = Markdown.table(header: ["toy", "method"] + shown.map { "L = \($0)" }, rows: nllRows)
        v["training_cost"] = try DeepProse.trainingCost(results, methods: methods, scope: ", summed over the toys")
        v["learning_rate_count"] = "\(c.learningRates.count)"
        v["learning_rate_table"] = Markdown.table(header: ["toy", "method", "chosen lr", DeepProse.earlyChoiceHeader]
                                                      + c.learningRates.map { "val. NLL, lr \($0)" }, rows: lrRows)
        v["early_ranking"] = try DeepProse.earlyRanking(results, methods: methods, pairs: "\(results.count * methods.count) toy × method pairs",
                                                        depth: c.depth)
        v["findings"] = try DeepFindings.summary(checks)
        let boundRows = zip(results, depthOneBounds).flatMap { r, row in
            row.map { b in [r.id, b.method.label, f(b.delta, 3), f(b.bound + nllOffset, 3), f(b.reached + nllOffset, 3), f(b.reached - b.bound, 3)] }
        }
        v["depth_one_table"] = Markdown.table(header: ["toy", "method", "Δ̂(Q₁)", "bound L₀ − Δ̂", "NLL reached", "reached − bound"], rows: boundRows)
        return v
    }
}
