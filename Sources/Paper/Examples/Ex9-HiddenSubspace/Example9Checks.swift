import Foundation
import Report

/// Example 9's checks. Claims are this project's hypotheses beyond the paper (ids `ex9.*`, their own
/// scoreboard row); self-checks guard the construction and the training.
enum Example9Checks {
    static func all(_ r: Example9Result, tolerances t: Example9Tolerances) -> [Check] {
        var checks = r.sets.map { advantage($0, standardErrors: t.advantageSEs) }
        let h = r.hidden, p = "ex9.\(h.id)"
        if let o = h.oracle {
            let share = h.generalOAS.mean / o.mean
            checks.append(Check.atLeast(id: "\(p).general_oas_finds_hidden_subspace",
                                        claim: "\(h.id): the general OAS reaches ≥ \(ProseNumber.percent(t.oracleShare)) of the Δ̂ of the known answer (R⁻¹, then each toy's 2D OAS)",
                                        measured: share, expected: t.oracleShare)
                .noting("Δ̂ general OAS \(DeepProse.f(h.generalOAS.mean)) vs known answer \(DeepProse.f(o.mean)) (mean over seeds)"))
            checks.append(Check.atLeast(id: "\(p).sanity_known_answer_beats_random",
                                        claim: "\(h.id): the known answer's Δ̂ exceeds the best random rotation's (the construction works)",
                                        measured: o.mean - h.bestRandom.mean, expected: 0).selfCheck)
        }
        let spearman = Check.atLeast(id: "\(p).spearman_delta_vs_trained",
                                     claim: "\(h.id): over \(r.candidates.count) candidate rotations, Δ̂ ranks them as one trained coupling's held-out loss decrease does (Spearman ≥ \(DeepProse.f(t.spearman, 2)))",
                                     measured: r.spearman ?? .nan, expected: t.spearman)
        checks.append(r.convergedFraction >= t.minimumConverged ? spearman
                      : spearman.inconclusive("budget: \(ProseNumber.percent(r.convergedFraction)) of the candidate trainings converged"))
        checks.append(Check.atLeast(id: "\(p).sanity_candidates_converged",
                                    claim: "\(h.id): the candidate couplings' training losses have flattened (share converged)",
                                    measured: r.convergedFraction, expected: t.minimumConverged).selfCheck)
        for set in r.sets {
            checks.append(beatsRandom(set))
        }
        // Fresh samples every step (hidden set): a rise would be a bug or a failed optimisation.
        checks.append(DeepChecks.noWorseWhenGrowing(
            id: "\(p).sanity_lw_oas",
            claim: "\(h.id): LW-OAS (general), adding a layer raises the held-out NLL by at most optimisation noise (every seed)",
            lossBySeed: h.nll[.lwOAS] ?? [], tolerance: t.sanity))
        // A few hundred training rows: a rise is overfitting, a property of the method at this size, so a claim.
        let rises = (r.real.nll[.lwOAS] ?? []).flatMap { run in zip(run.dropFirst(), run).map { $0 - $1 } }
        checks.append(Check.atMost(
            id: "ex9.\(r.real.id).lw_oas_no_overfitting",
            claim: "\(r.real.id): LW-OAS (general), adding a layer raises the test NLL by at most \(DeepProse.f(t.realSanity, 2)) nats (every split): no overfitting",
            measured: rises.max() ?? .nan, tolerance: t.realSanity))
        return checks
    }

    /// First layer: general OAS beats the best of its K random candidates by more than `standardErrors` SE (paired over seeds).
    static func advantage(_ set: SubspaceSetResult, standardErrors k: Double) -> Check {
        let a = set.advantage
        return Check.atLeast(id: "ex9.\(set.id).general_oas_beats_best_random",
                             claim: "\(set.id): first layer, the general OAS's held-out Δ̂ exceeds the best random candidate's by more than \(ProseNumber.g(k)) SE (over seeds)",
                             measured: a.mean, expected: k * (a.se.isFinite ? a.se : 0))
            .noting("Δ̂ \(DeepProse.f(set.generalOAS.mean)) vs \(DeepProse.f(set.bestRandom.mean)), difference \(DeepProse.f(a.mean)) ± \(DeepProse.f(a.se)) (SE, \(set.firstLayer.count) seeds)")
    }

    /// Layer-wise, general OAS beats random rotations at every depth (worst margin of seed means).
    static func beatsRandom(_ set: SubspaceSetResult) -> Check {
        let oas = set.meanNLL(.lwOAS), rnd = set.meanNLL(.lwRND)
        let margins = (1...set.depth).map { rnd[$0] - oas[$0] }
        let worst = margins.indices.min { margins[$0] < margins[$1] } ?? 0
        return Check.atLeast(id: "ex9.\(set.id).lw_general_oas_beats_lw_rnd",
                             claim: "\(set.id): layer-wise, general-OAS rotations beat random ones in held-out NLL at every depth (worst margin)",
                             measured: margins.isEmpty ? .nan : margins[worst], expected: 0)
            .noting("worst at depth \(worst + 1)")
    }
}
