import CouplingTheory
import Foundation
import Report

/// The values the ex8 prose (`prose.md` beside this file) puts in by name: tables and the generated
/// sentences saying where closed-form layers win and where they lose (the file's alternatives).
enum Example8Prose {
    enum TrainedHere: String, ProseChoice { static let group = "trained_here"; case none, some }
    enum SingleFinding: String, ProseChoice { static let group = "single_finding"; case line }
    enum SingleVerdict: String, ProseChoice { static let group = "single_verdict"; case tie, wins, loses }
    enum DeepFinding: String, ProseChoice { static let group = "deep_finding"; case line }
    enum Outcome: String, ProseChoice { static let group = "outcome"; case wins, loses }
    enum Reach: String, ProseChoice { static let group = "reach"; case reached, notReached = "not_reached" }

    static let choices: [any ProseChoice.Type] = [TrainedHere.self, SingleFinding.self, SingleVerdict.self, DeepFinding.self,
                                                  Outcome.self, Reach.self]

    static func render(_ c: Example8Comparison, checks: [Check], trainedHere: Int) throws -> String {
        let prose = try ExampleFolder().document(choices: choices)
        return try prose.render(values(c, checks: checks, trainedHere: trainedHere, prose: prose))
    }

    static func values(_ c: Example8Comparison, checks: [Check], trainedHere: Int, prose: ProseDocument) throws -> [String: String] {
        let f = { (x: Double) in ProseNumber.fmt(x, 3) }
        let s = c.config.single, d = c.config.deep
        var v: [String: String] = [:]
        v["sample_sizes"] = ProseNumber.list(s.sampleSizes)
        v["largest_n"] = "\(c.largestN)"
        v["held_out_single"] = "\(s.heldOutCount)"
        v["trained_every_n"] = s.trainedAtEveryN.map(\.id).joined(separator: ", ")
        v["training_steps"] = "\(s.training.training.steps)"
        v["training_batch"] = "\(s.training.training.batchSize)"
        v["gap_floor"] = ProseNumber.g(Example8Figures.gapFloor)
        v["depth"] = "\(d.depth)"
        v["seeds"] = "\(d.seeds)"
        v["samples_per_layer"] = "\(d.samplesPerLayer)"
        v["sanity_se"] = ProseNumber.g(c.config.sanitySE)
        v["trained_here"] = trainedHere == 0 ? try prose.text(TrainedHere.none) : try prose.text(TrainedHere.some, ["count": "\(trainedHere)"])
        v["single_table"] = Markdown.table(
            header: ["density", "N", "closed-form gap", "closed-form time [s]", "trained gap", "trained time [s]"],
            rows: c.single.sorted { ($0.density.id, $0.n) < ($1.density.id, $1.n) }.map { p in
                [p.density.id, "\(p.n)", "\(f(p.closedForm.gap)) ± \(ProseNumber.fmt(p.closedForm.gapSE, 2))", ProseNumber.fmt(p.closedForm.seconds, 2),
                 p.trained.map { "\(f($0.gap)) ± \(ProseNumber.fmt($0.gapSE, 2))" } ?? "—", p.trained.map { ProseNumber.fmt($0.seconds, 2) } ?? "—"]
            })
        v["single_findings"] = try singleFindings(c, prose: prose)
        v["deep_table"] = deepTable(c)
        v["deep_findings"] = try deepFindings(c, prose: prose)
        v["findings"] = try CheckFindings.list(checks)
        return v
    }

    /// One sentence per density at the largest N: who is closer to the bound, by how much, at what cost.
    static func singleFindings(_ c: Example8Comparison, prose: ProseDocument) throws -> String {
        try c.config.single.densities.compactMap { d -> String? in
            guard let p = c.point(d, c.largestN), let t = p.trained else { return nil }
            let margin = t.gap - p.closedForm.gap, se = hypot(t.gapSE, p.closedForm.gapSE)
            // Within two (conservative, unpaired) standard errors neither is called the winner.
            let verdict = abs(margin) <= 2 * se
                ? try prose.text(SingleVerdict.tie, ["margin": ProseNumber.sci(margin), "se": ProseNumber.sci(se)])
                : try prose.text(margin > 0 ? SingleVerdict.wins : .loses, ["margin": ProseNumber.fmt(abs(margin), 3)])
            return try prose.text(SingleFinding.line, [
                "density": d.id, "n": "\(p.n)", "closed_gap": ProseNumber.fmt(p.closedForm.gap, 4), "trained_gap": ProseNumber.fmt(t.gap, 4),
                "verdict": verdict, "closed_seconds": ProseNumber.fmt(p.closedForm.seconds, 2), "trained_seconds": ProseNumber.fmt(t.seconds, 2),
            ])
        }.joined(separator: "\n")
    }

    /// Held-out NLL (KL for the square) at the trained stage's final depth L₀ and at the closed form's depth.
    static func deepTable(_ c: Example8Comparison) -> String {
        let rows = c.deep.map { r -> [String] in
            let o = c.offset(r.id), t = c.trained(r.id)
            let l0 = t?.methods[.lwOAS]?.meanLoss.count ?? 0
            let cf = r.meanLoss
            let at = { (m: DeepMethod) in t?.methods[m].map { ProseNumber.fmt($0.meanLoss[l0 - 1] + o, 3) } ?? "—" }
            let cpu = { (m: DeepMethod) in t?.methods[m]?.cpuSecondsPerRun.map { ProseNumber.fmt($0, 1) } ?? "—" }
            return [r.id, "\(l0)", l0 >= 1 && l0 <= cf.count ? ProseNumber.fmt(cf[l0 - 1] + o, 3) : "—", ProseNumber.fmt(cf[cf.count - 1] + o, 3),
                    at(.lwOAS), at(.lwRND), at(.e2e), ProseNumber.fmt(r.meanSeconds, 2), cpu(.lwOAS), cpu(.lwRND), cpu(.e2e)]
        }
        return Markdown.table(header: ["problem", "L₀", "closed form at L₀", "closed form at L = \(c.config.deep.depth)",
                                       "LW-OAS at L₀", "LW-RND at L₀", "E2E at L₀", "closed form s/run",
                                       "LW-OAS s/run", "LW-RND s/run", "E2E s/run"], rows: rows)
    }

    /// Per problem: closed form vs LW-OAS at equal depth, vs the best trained method at L₀, and the depth
    /// at which the closed form first reaches LW-OAS's final value (if it does).
    static func deepFindings(_ c: Example8Comparison, prose: ProseDocument) throws -> String {
        try c.deep.compactMap { r -> String? in
            guard let t = c.trained(r.id), let oas = t.methods[.lwOAS], let e2e = t.methods[.e2e] else { return nil }
            let l0 = oas.meanLoss.count, cf = r.meanLoss
            guard l0 >= 1, l0 <= cf.count else { return nil }
            let vsOAS = oas.meanLoss[l0 - 1] - cf[l0 - 1]
            let best = min(oas.meanLoss[l0 - 1], e2e.meanLoss[l0 - 1], t.methods[.lwRND]?.meanLoss[l0 - 1] ?? .infinity)
            let vsBest = best - cf[cf.count - 1]
            let reach = try cf.firstIndex { $0 <= oas.meanLoss[l0 - 1] }.map { try prose.text(Reach.reached, ["l0": "\(l0)", "depth": "\($0 + 1)"]) }
                ?? prose.text(Reach.notReached, ["l0": "\(l0)", "layers": "\(cf.count)"])
            let outcome = { (x: Double) in try prose.text(x > 0 ? Outcome.wins : .loses, ["margin": ProseNumber.fmt(abs(x), 3)]) }
            return try prose.text(DeepFinding.line, [
                "problem": r.id, "l0": "\(l0)", "versus_oas": try outcome(vsOAS), "depth": "\(cf.count)", "versus_best": try outcome(vsBest),
                "reach": reach,
            ])
        }.joined(separator: "\n")
    }
}

extension Example8Stage: ProseChoosing {
    static var proseChoices: [any ProseChoice.Type] { Example8Prose.choices }
}
