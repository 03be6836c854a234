import CouplingTheory
import Foundation
import Report

/// The values Example 9's prose (`prose.md` beside this file) puts in by name; the summary's
/// sentences are the file's alternatives.
enum Example9Prose {
    enum SetSummary: String, ProseChoice { static let group = "set_summary"; case line }
    enum FirstLayer: String, ProseChoice { static let group = "first_layer"; case beats, doesNotBeat = "does_not_beat" }
    /// LW-OAS's held-out NLL peaks before the last depth (said only when it does).
    enum LWOASPeak: String, ProseChoice { static let group = "lw_oas_peak"; case beforeLastDepth = "before_last_depth" }
    enum Spearman: String, ProseChoice { static let group = "spearman"; case undefined }

    static let choices: [any ProseChoice.Type] = [SetSummary.self, FirstLayer.self, LWOASPeak.self, Spearman.self]

    static func render(_ r: Example9Result, config c: Example9Stage.Config, table: NumericTable, checks: [Check]) throws -> String {
        let prose = try ExampleFolder().document(choices: choices)
        return try prose.render(values(r, config: c, table: table, checks: checks, prose: prose))
    }

    static func values(_ r: Example9Result, config c: Example9Stage.Config, table: NumericTable, checks: [Check],
                       prose: ProseDocument) throws -> [String: String] {
        let f = { (x: Double, digits: Int) in ProseNumber.f3(x, digits) }
        let h = c.hiddenFlows, q = c.realFlows
        var v: [String: String] = [:]
        v["candidates"] = "\(h.oas.candidates)"
        v["steps_deg"] = h.oas.stepsDeg.map { ProseNumber.g($0) }.joined(separator: ", ")
        v["sweeps"] = "\(h.oas.maxSweeps)"
        if case let .nearestNeighbours(k) = h.oas.estimator { v["neighbours"] = "\(k.neighbours)"; v["queries"] = "\(k.maxQueries)" }
        if case let .nearestNeighbours(k) = q.oas.estimator { v["real_neighbours"] = "\(k.neighbours)" }
        v["hidden_id"] = r.hidden.id
        v["toys"] = c.toys.map(\.rawValue).joined(separator: ", ")
        v["pair_angles"] = r.pairAngles.map { ProseNumber.g($0) }.joined(separator: ", ")
        v["pair_deltas"] = r.pairDeltas.map { f($0, 3) }.joined(separator: ", ")
        v["pair_delta_sum"] = f(r.pairDeltas.reduce(0, +), 3)
        v["known_knn"] = r.hidden.oracle.map { f($0.value, 3) } ?? "—"
        v["pair_samples"] = "\(c.pairOASSamples)"
        v["pair_angles_count"] = "\(c.pairOASAngles)"
        v["hidden_test"] = "\(c.hiddenTestRows)"
        v["hidden_train"] = "\(c.hiddenTrainRows)"
        v["hidden_oas_samples"] = "\(min(h.oasSamples, c.hiddenTrainRows))"
        v["seeds"] = "\(c.seeds)"
        let k = c.ranking
        v["ranking_candidates"] = "\(k.candidates)"
        v["max_perturbation"] = ProseNumber.g(k.maxPerturbationDeg)
        v["ranking_widths"] = widths(k.hiddenWidths)
        v["ranking_steps"] = "\(k.training.steps)"
        v["ranking_batch"] = "\(k.training.batchSize)"
        v["ranking_lr"] = ProseNumber.g(k.training.learningRate)
        v["spearman_goal"] = f(ClaimCatalog.spec("ex9.hidden8.spearman_delta_vs_trained")?.margin?.low ?? .nan, 2)
        v["convergence_tolerance"] = ProseNumber.g(k.training.convergence.tolerance)
        v["hidden_lr"] = ProseNumber.g(h.training.learningRate)
        v["decay"] = ProseNumber.g(h.training.schedule.decayFactor)
        v["hidden_steps"] = "\(h.training.steps)"
        v["hidden_depth"] = "\(h.depth)"
        v["hidden_widths"] = widths(h.hiddenWidths)
        v["hidden_e2e_depths"] = ProseNumber.list(h.endToEndDepths)
        v["real_rows"] = "\(table.values.rows)"
        v["real_dims"] = "\(table.values.cols)"
        v["real_columns"] = table.names.map { "`\($0)`" }.joined(separator: ", ")
        let nTest = Int((Double(table.values.rows) * c.realTestFraction).rounded())
        v["real_train"] = "\(table.values.rows - nTest)"
        v["real_test"] = "\(nTest)"
        v["real_passive"] = "\(q.passive)"
        v["real_widths"] = widths(q.hiddenWidths)
        v["real_steps"] = "\(q.training.steps)"
        v["real_depth"] = "\(q.depth)"
        v["real_e2e_depths"] = ProseNumber.list(q.endToEndDepths)
        v["delta_table"] = deltaTable(r)
        v["oracle_share"] = r.hidden.oracle.map { ProseNumber.percent(r.hidden.generalOAS.value / $0.value) } ?? "—"
        v["hidden_moves"] = ProseNumber.list(r.hidden.firstLayer.map(\.moves))
        v["spearman"] = try r.spearman.map { f($0, 3) } ?? prose.text(Spearman.undefined)
        v["converged"] = "\(Int((r.convergedFraction * Double(r.candidates.count)).rounded()))/\(r.candidates.count)"
        v["hidden_table"] = nllTable(r.hidden)
        v["real_table"] = nllTable(r.real)
        v["summary"] = try summary(r, checks: checks, prose: prose)
        v["verdict_rule"] = try VerdictRuleProse.text()
        v["findings"] = try CheckFindings.list(checks)
        return v
    }

    static func widths(_ w: [Int]) -> String { "[" + w.map(String.init).joined(separator: ", ") + "]" }

    static func deltaTable(_ r: Example9Result) -> String {
        let pm = { (x: MonteCarloEstimate) in "\(ProseNumber.f3(x.value)) ± \(ProseNumber.f3(x.standardError))" }
        let rows = r.sets.map { s in
            [s.id, pm(s.generalOAS), pm(s.bestRandom), s.oracle.map(pm) ?? "—", pm(s.advantage)]
        }
        return Markdown.table(header: ["data set", "general OAS", "best random", "known answer", "general − random (paired)"], rows: rows)
    }

    static func nllTable(_ s: SubspaceSetResult) -> String {
        let means = SubspaceSetResult.methods.map { s.meanNLL($0) }
        let rows = (0...s.depth).map { d in ["\(d)"] + means.map { d < $0.count && $0[d].isFinite ? ProseNumber.f3($0[d]) : "—" } }
        return Markdown.table(header: ["depth"] + SubspaceSetResult.methods.map(\.label), rows: rows)
    }

    /// What wins and what loses, in words chosen from the measured values.
    static func summary(_ r: Example9Result, checks: [Check], prose: ProseDocument) throws -> String {
        let f = { (x: Double) in ProseNumber.f3(x) }
        return try r.sets.map { s in
            let a = s.advantage
            let beats = checks.first { $0.id == "ex9.\(s.id).general_oas_beats_best_random" }?.status == .pass
            var deltas = ["general": f(s.generalOAS.value), "random": f(s.bestRandom.value)]
            if !beats { deltas["difference"] = f(a.value); deltas["difference_se"] = f(a.standardError) }
            let first = try prose.text(beats ? FirstLayer.beats : .doesNotBeat, deltas)
            let final = SubspaceSetResult.methods.map { ($0, s.meanNLL($0)[s.depth]) }.filter { $0.1.isFinite }
            let ranking = final.sorted { $0.1 < $1.1 }.map { "\($0.0.label) \(f($0.1))" }.joined(separator: " < ")
            let oas = s.meanNLL(.lwOAS)
            let best = (1...s.depth).min { oas[$0] < oas[$1] } ?? s.depth
            let worstSeed = (s.nll[.lwOAS] ?? []).compactMap(\.last).max() ?? .nan
            // The optional second sentence continues the list item, hence the indented line.
            let peak = best < s.depth
                ? "\n  " + (try prose.text(LWOASPeak.beforeLastDepth, ["depth": "\(best)", "nll": f(oas[best]), "worst_seed": f(worstSeed)]))
                : ""
            return try prose.text(SetSummary.line, ["set": s.id, "first_layer": first, "depth": "\(s.depth)", "ranking": ranking, "peak": peak])
        }.joined(separator: "\n")
    }
}

extension Example9Stage: ProseChoosing {
    static var proseChoices: [any ProseChoice.Type] { Example9Prose.choices }
}
