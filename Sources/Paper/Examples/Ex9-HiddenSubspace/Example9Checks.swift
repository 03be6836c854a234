import Foundation
import Report

/// Example 9's checks. Claims are this project's hypotheses beyond the paper (ids `ex9.*`), decided by the
/// one rule: an interval over seeds (or, for the rank correlation, over candidate rotations) against the
/// claim table's margin. Self-checks guard the construction and the training.
enum Example9Checks {
    static func all(_ r: Example9Result, tolerances t: Example9Tolerances) -> [Check] {
        var checks = r.sets.map(advantage)
        let h = r.hidden, p = "ex9.\(h.id)"
        if h.oracle != nil {
            checks.append(ClaimCatalog.empirical("\(p).general_oas_finds_hidden_subspace",
                                                 claim: "\(h.id): the general OAS finds the hidden subspace — Δ̂ of the known answer (R⁻¹, then each toy's 2D OAS) minus the general OAS's, over seeds",
                                                 replicates: h.firstLayer.map { ($0.oracle ?? .nan) - $0.generalOAS }))
            checks.append(Check.atLeast(id: "\(p).sanity_known_answer_beats_random",
                                        claim: "\(h.id): the known answer's Δ̂ exceeds the best random rotation's (the construction works)",
                                        measured: (h.oracle?.value ?? .nan) - h.bestRandom.value, expected: 0).selfCheck)
        }
        let spearman = ClaimCatalog.empirical("\(p).spearman_delta_vs_trained",
                                              claim: "\(h.id): over \(r.candidates.count) candidate rotations, Δ̂ ranks them as one trained coupling's held-out loss decrease does (Spearman ρ)",
                                              interval: fisherInterval(r.spearman ?? .nan, count: r.candidates.count), expected: 1)
        checks.append(r.convergedFraction >= t.minimumConverged ? spearman
                      : spearman.inconclusive("budget: \(ProseNumber.percent(r.convergedFraction)) of the candidate trainings converged"))
        checks.append(Check.atLeast(id: "\(p).sanity_candidates_converged",
                                    claim: "\(h.id): the candidate couplings' training losses have flattened (share converged)",
                                    measured: r.convergedFraction, expected: t.minimumConverged).selfCheck)
        for set in r.sets { checks.append(beatsRandom(set)) }
        // Fresh samples every step (hidden set): a rise would be a bug or a failed optimisation.
        checks.append(DeepChecks.noWorseWhenGrowing(
            id: "\(p).sanity_lw_oas",
            claim: "\(h.id): LW-OAS (general), adding a layer raises the held-out NLL by at most optimisation noise (every seed)",
            lossBySeed: h.nll[.lwOAS] ?? [], tolerance: t.sanity))
        // A few hundred training rows: a rise is overfitting, a property of the method at this size.
        let rises = (r.real.nll[.lwOAS] ?? []).map { run in zip(run.dropFirst(), run).map { $0 - $1 }.max() ?? .nan }
        checks.append(ClaimCatalog.empirical("ex9.\(r.real.id).lw_oas_no_overfitting",
                                             claim: "\(r.real.id): LW-OAS (general), the largest rise of the test NLL when a layer is added, over splits: no overfitting",
                                             replicates: rises))
        return checks
    }

    /// First layer: per seed Δ̂(general OAS) − Δ̂(best of the random candidates), paired.
    static func advantage(_ set: SubspaceSetResult) -> Check {
        ClaimCatalog.empirical("ex9.\(set.id).general_oas_beats_best_random",
                               claim: "\(set.id): first layer, the general OAS's held-out Δ̂ minus the best random candidate's, over \(set.firstLayer.count) seeds",
                               replicates: set.firstLayer.map { $0.generalOAS - $0.bestRandom })
    }

    /// Layer-wise, general OAS against random rotations: NLL(LW-RND) − NLL(LW-OAS) averaged over depths 1…L, per seed.
    static func beatsRandom(_ set: SubspaceSetResult) -> Check {
        let oas = set.nll[.lwOAS] ?? [], rnd = set.nll[.lwRND] ?? []
        let average = { (run: [Double]) in (1...set.depth).reduce(0.0) { $0 + run[$1] } / Double(set.depth) }
        return ClaimCatalog.empirical("ex9.\(set.id).lw_general_oas_beats_lw_rnd",
                                      claim: "\(set.id): layer-wise, general-OAS rotations beat random ones — held-out NLL(LW-RND) − NLL(LW-OAS) averaged over depths 1–\(set.depth)",
                                      interval: .difference(rnd.map(average), minus: oas.map(average), alpha: ClaimCatalog.alpha))
    }

    /// A (1 − 2α) interval for a rank correlation over `count` items by Fisher's z-transform,
    /// z = atanh ρ with standard error 1.06/√(n − 3) (Fieller et al. 1957, for Spearman's ρ).
    static func fisherInterval(_ rho: Double, count n: Int) -> ReplicateInterval {
        guard n > 3, rho.isFinite else { return .mean(of: [], alpha: ClaimCatalog.alpha) }
        let se = 1.06 / Double(n - 3).squareRoot(), z = atanh(max(-0.999999, min(0.999999, rho)))
        let q = StudentT.quantile(1 - ClaimCatalog.alpha, degreesOfFreedom: 1e6)
        return ReplicateInterval(estimate: rho, low: tanh(z - q * se), high: tanh(z + q * se), n: n, standardError: se,
                                 degreesOfFreedom: .infinity, alpha: ClaimCatalog.alpha)
    }
}
