import Report

/// The claim table: every claim check of the report, how it is decided and why its margin is what it
/// is — fixed before the confirming run, the same in every profile (profiles change compute, never
/// margins). `docs/claims.md` is generated from it (`couplinglab claims`), and the report prints its digest.
///
/// Margins are in nats. The default is 5 % of the effect concerned: Δ = 0.632 nats for a single
/// coupling on W or WU (Eq. 20; both densities have the same conditional moments), Δmax = 0.879 nats
/// for a rotation of Example 4's mixture, and KL(μ‖N) for a deep flow — the whole effect the flow works on.
public enum ClaimCatalog {
    /// Each tail of the (1 − 2α) intervals: 90 % intervals, so "inside the margin" is a TOST at 5 %.
    public static let alpha = 0.05

    static let deltaW = 0.632, deltaMaxMixture = 0.879
    static let singleLayerMargin = 0.032, rotationMargin = 0.044
    /// The uniform square U([−1, 1]²): KL(μ‖N) = −log 4 + log 2π + ⅓ = 0.785 nats; 5 % of it.
    static let squareMargin = 0.039
    /// The toys: 5 % of about 1 nat, their KL(μ‖N) where H[μ] is known (checkerboard 1.05, 8 gaussians 1.42).
    static let toyMargin = 0.05
    /// Math: adaptive Gauss–Kronrod integrals are accurate to about 1e-11; a residual combines a few.
    static let quadrature = 1e-8

    static let singleLayerReason = "5 % of Δ = 0.632 nats, the loss reduction of the optimal layer on W and WU (Eq. 20); "
        + "the floor: no layer can truly go below the Theorem 1 minimum, so an interval entirely below 0 is a bug, not noise"

    public static let table = ClaimTable(rows: mathematics + singleLayerExperiments + deepExperiments + beyondThePaper, alpha: alpha)

    static let exactDensities = "W, WU, skewed W (g > 0 and sign-changing) and Example 4's mixture at 12 angles, each at 41 values of p; "
        + "conditional expectations by quadrature of the conditional density"

    static let mathematics: [ClaimSpec] = [
        ClaimSpec(id: "lemma1.exact_optimum", statement: "Lemma 1 (Eq. 9–11)", claimClass: .math, primary: true,
                  estimand: "largest residual of Lemma 1's optimality conditions (gradient 0, Hessian determinant 2, no lower neighbour) and of Eq. 11 (E[a′|p] = 0, E[a′²|p] = 1)",
                  unit: exactDensities, margin: .atMost(quadrature),
                  reason: "quadrature precision: every residual is exactly 0 if the lemma holds"),
        ClaimSpec(id: "theorem1.exact_bound", statement: "Theorem 1 (Eq. 18–20)", claimClass: .math, primary: true,
                  estimand: "largest of |Δ(Eq. 20) − the loss the optimal layer removes (Eq. 8 by quadrature)|, |Eq. 18 − Eq. 19|, and how far a ±0.05 change of s or t lowers the conditional loss",
                  unit: exactDensities, margin: .atMost(quadrature),
                  reason: "quadrature precision: every residual is exactly 0 if the theorem holds"),
        ClaimSpec(id: "corollary1.exact_if", statement: "Corollary 1 (Eq. 21–22)", claimClass: .math, primary: true,
                  estimand: "\"if\": largest |KL(μ(a′|p) ‖ N(0, 1))| of the optimal layer where every conditional is normal",
                  unit: "W and Example 4's mixture at θ = 0°, 41 values of p", margin: .atMost(quadrature),
                  reason: "quadrature precision: the conditional KL is exactly 0 if the corollary holds"),
        ClaimSpec(id: "corollary1.exact_only_if", statement: "Corollary 1 (Eq. 21–22)", claimClass: .math, primary: true,
                  estimand: "\"only if\": smallest KL(μ(a′|p) ‖ N(0, 1)) of the optimal layer where the conditionals are not normal",
                  unit: "WU (0.1765 = the unit uniform's negentropy), skewed W (0.4189) and Example 4's mixture at θ = 90°, 41 values of p",
                  margin: .atLeast(1e-6), reason: "clearly positive: 1e-6 is five orders above quadrature precision and far below any of the values"),
        ClaimSpec(id: "ex2.exact_uniform_pushforward", statement: "Example 2 (Eq. 16–17)", claimClass: .math, primary: true,
                  estimand: "sup over p and x of |P(a′ ≤ x | p) − the U(−√3, √3) CDF| after the optimal layer",
                  unit: "WU's conditional density by quadrature, 41 values of p × 121 of x", margin: .atMost(quadrature),
                  reason: "quadrature precision: the push-forward is exactly uniform if Eq. 16–17 hold"),
        ClaimSpec(id: "lemma2.exact_independence", statement: "Lemma 2 (Example 5), restated with g > 0", claimClass: .math, primary: true,
                  estimand: "sup over p and x of |P(a′ ≤ x | p) − P(a′ ≤ x | p₀)| after the optimal layer",
                  unit: "W, WU and skewed W with g > 0 (a = f(p) + g(p)·n, n ⊥ p, g > 0), 41 values of p × 121 of x",
                  margin: .atMost(quadrature), reason: "quadrature precision: the law of a′ given p is exactly the same at every p if a′ ⊥ p"),
        ClaimSpec(id: "lemma2_printed.exact_counterexample", statement: "Lemma 2 as printed (no sign on g)", claimClass: .math, primary: true,
                  estimand: "sup over p and x of |P(a′ ≤ x | p) − P(a′ ≤ x | p₀)| after the optimal layer, for a = m(p) + g(p)·n′ with n′ = E − 1 ⊥ p and g = sign(p)·σ(p)",
                  unit: "the sign-changing counter-example, 41 values of p × 121 of x", margin: .atMost(quadrature),
                  reason: "the printed lemma covers this case and so predicts exactly 0; a clearly positive value refutes it (an erratum)"),
        ClaimSpec(id: "lemma2_printed.third_moment_form", statement: "Lemma 2 as printed (no sign on g)", claimClass: .math, primary: false,
                  estimand: "largest |E[a′³ | p] − 2·sign(p)| on the counter-example (its analytic form: a′ = sign(p)·n′, E[n′³] = 2)",
                  unit: "41 values of p", margin: .atMost(quadrature), reason: "quadrature precision"),
    ]

    static let singleLayerExperiments: [ClaimSpec] = [
        ClaimSpec(id: "fig1.training_gap", statement: "Fig. 1: training attains the bound at every rotation", claimClass: .empirical, primary: true,
                  estimand: "mean over the training angles of held-out ML loss − Theorem 1 minimum (nats; each angle's gap paired with Lemma 1's layer on the same held-out samples)",
                  unit: "angles, one seeded training each", margin: .atMost(rotationMargin, floor: 0),
                  reason: "5 % of Δmax = 0.879 nats, the largest loss reduction one coupling achieves on the mixture; the floor as for a single layer"),
        ClaimSpec(id: "theorem1.training_gap_W", statement: "Examples 1 and 3: training attains the bound on W", claimClass: .empirical, primary: true,
                  estimand: "mean over training seeds of held-out ML loss − Theorem 1 minimum, full-batch reading (4096 steps of 4096 fresh samples); each seed's gap paired with Lemma 1's layer on the same held-out samples",
                  unit: "training seeds", margin: .atMost(singleLayerMargin, floor: 0), reason: singleLayerReason),
        ClaimSpec(id: "theorem1.training_gap_W_minibatch", statement: "Examples 1 and 3: training attains the bound on W", claimClass: .empirical, primary: false,
                  estimand: "the same with the mini-batch reading (4096 epochs of 4096 samples in batches of 256): a sensitivity row",
                  unit: "training seeds", margin: .atMost(singleLayerMargin, floor: 0), reason: singleLayerReason),
        ClaimSpec(id: "theorem1.training_gap_WU", statement: "Examples 2 and 3: training attains the bound on WU", claimClass: .empirical, primary: true,
                  estimand: "mean over training seeds of held-out ML loss − Theorem 1 minimum, full-batch reading; each seed's gap paired with Lemma 1's layer on the same held-out samples",
                  unit: "training seeds", margin: .atMost(singleLayerMargin, floor: 0), reason: singleLayerReason),
        ClaimSpec(id: "theorem1.training_gap_WU_minibatch", statement: "Examples 2 and 3: training attains the bound on WU", claimClass: .empirical, primary: false,
                  estimand: "the same with the mini-batch reading: a sensitivity row",
                  unit: "training seeds", margin: .atMost(singleLayerMargin, floor: 0), reason: singleLayerReason),
        ClaimSpec(id: "lemma1.trained_moment_cost_W", statement: "Example 1 (Fig. 2b): the trained layer's moments follow Lemma 1", claimClass: .empirical, primary: true,
                  estimand: "mean over training seeds of E_p[½c² + (r − 1)²], c = (m − m̂)/σ̂, r = σ/σ̂, on the 401-point read-out grid (nats)",
                  unit: "training seeds", margin: .atMost(singleLayerMargin),
                  reason: "½c² + (r − 1)² is, to second order, the KL a normal conditional keeps when its moments are off by c and r (½(c² + r² − 1 − log r²)); 5 % of Δ"),
        ClaimSpec(id: "lemma1.binned_moment_cost_W", statement: "Example 1 (Fig. 2b): the trained layer's moments follow Lemma 1", claimClass: .empirical, primary: false,
                  estimand: "mean over training seeds of the bin average of ½ĉ² + (r̂ − 1)², ĉ and r̂ the mean and std of a′ in 16 p-bins (Fig. 2e; includes each bin's spread of m and its sampling noise)",
                  unit: "training seeds", margin: .atMost(singleLayerMargin), reason: "as the read-out's cost"),
        ClaimSpec(id: "lemma1.trained_moment_cost_WU", statement: "Example 1 (Fig. 2b): the trained layer's moments follow Lemma 1", claimClass: .empirical, primary: false,
                  estimand: "the read-out's moment cost on WU (Example 2's training)", unit: "training seeds",
                  margin: .atMost(singleLayerMargin), reason: "as on W"),
        ClaimSpec(id: "ex4.oas_regret_N256", statement: "Example 4 / Algorithm 1: Δ̂ from about 256 samples finds the optimal rotation", claimClass: .empirical, primary: true,
                  estimand: "mean over seeds of the regret Δ(θ*) − Δ(θ̂), θ̂ the OAS angle from N = 256 samples and B = 32 bins (nats)",
                  unit: "seeds (independent samples)", margin: .atMost(rotationMargin),
                  reason: "5 % of Δmax = 0.879 nats: OAS uses only the argmax, so what matters is the Δ a wrong angle gives away"),
        ClaimSpec(id: "ex4.oas_regret_N<N>", statement: "Example 4 / Algorithm 1: Δ̂ from about 256 samples finds the optimal rotation", claimClass: .empirical, primary: false,
                  estimand: "the same regret at the other sample sizes", unit: "seeds (independent samples)", margin: .atMost(rotationMargin),
                  reason: "as at N = 256"),
        ClaimSpec(id: "lemma2.trained_dependence_<case>", statement: "Example 5: the trained layer's output is independent of p", claimClass: .empirical, primary: true,
                  estimand: "mean over training seeds of the mutual information I(a′; p) left by the trained layer (nats, from the exact conditional law)",
                  unit: "training seeds", margin: .atMost(singleLayerMargin),
                  reason: "5 % of Δ; for normal conditionals I(a′; p) is at most the loss gap, so dependence and loss share the scale"),
        ClaimSpec(id: "lemma2.trained_dependence_counterexample", statement: "Example 5: the trained layer's output is independent of p", claimClass: .empirical, primary: false,
                  estimand: "I(a′; p) left by the trained layer on the sign-changing counter-example, where dependence must remain",
                  unit: "training seeds", margin: .atLeast(singleLayerMargin), reason: "the same 5 % of Δ, now as the least dependence that counts as remaining"),
        ClaimSpec(id: "ex1a.training_gap_<variant>", statement: "Examples 1 and 3: training attains the bound on W", claimClass: .empirical, primary: false,
                  estimand: "mean over seeds of held-out ML loss − Theorem 1 minimum under one reading of the setup the paper leaves open (a diverged run counts as +∞): a sensitivity row",
                  unit: "training seeds", margin: .atMost(singleLayerMargin, floor: 0), reason: singleLayerReason),
    ]

    static let deepUnit = "seeds per method (converged runs)"

    static let deepExperiments: [ClaimSpec] = [
        ClaimSpec(id: "ex6.lw_oas_beats_lw_rnd", statement: "Section 4: OAS beats random rotations", claimClass: .empirical, primary: true,
                  estimand: "KL(LW-RND) − KL(LW-OAS) averaged over depths 1–8, mean over seeds (nats): the advantage over the whole construction",
                  unit: deepUnit, margin: .atLeast(squareMargin),
                  reason: "smallest effect of interest: 5 % of the square's KL(μ‖N) = 0.785 nats, the whole effect the flow works on. "
                    + "Averaged over depths because the paper's claim is about the construction (Fig. 5: random subspaces approach the normal more slowly); "
                    + "at the last depths both flows are within a few hundredths of a nat of the normal, where a per-depth test would judge convergence, not the rotation"),
        ClaimSpec(id: "ex6.lw_oas_on_par_with_e2e", statement: "Section 4: layer-wise on par with end-to-end", claimClass: .empirical, primary: true,
                  estimand: "at depth 8, mean KL(LW-OAS) − mean KL(E2E) (nats)",
                  unit: deepUnit, margin: .within(squareMargin), reason: "equivalence zone: 5 % of the square's KL(μ‖N) either way"),
        ClaimSpec(id: "ex7.<toy>.lw_oas_beats_lw_rnd", statement: "Section 4: OAS beats random rotations", claimClass: .empirical, primary: true,
                  estimand: "NLL(LW-RND) − NLL(LW-OAS) averaged over depths 1–12, mean over seeds (nats)", unit: deepUnit, margin: .atLeast(toyMargin),
                  reason: "smallest effect of interest: 5 % of about 1 nat, the toys' KL(μ‖N) where it is known; averaged over depths as on the square"),
        ClaimSpec(id: "ex7.<toy>.lw_oas_beats_e2e_shallow", statement: "Section 4: layer-wise wins for few layers", claimClass: .empirical, primary: true,
                  estimand: "at each of depths 1–3, mean NLL(E2E) − mean NLL(LW-OAS) (nats; every depth's interval must clear the margin)",
                  unit: deepUnit, margin: .atLeast(toyMargin), reason: "smallest effect of interest as above"),
        ClaimSpec(id: "ex7.<toy>.e2e_beats_lw_oas_deep", statement: "Section 4: end-to-end wins for deep flows", claimClass: .empirical, primary: true,
                  estimand: "at depth 12, mean NLL(LW-OAS) − mean NLL(E2E) (nats)", unit: deepUnit, margin: .atLeast(toyMargin),
                  reason: "smallest effect of interest as above"),
        ClaimSpec(id: "ex7.<toy>.prog_oas_competitive", statement: "Section 4: progressive stays competitive", claimClass: .empirical, primary: true,
                  estimand: "at depth 12, mean NLL(PROG-OAS) − mean NLL(E2E) (nats; better than E2E counts as competitive)",
                  unit: deepUnit, margin: .atMost(toyMargin), reason: "equivalence zone: 5 % of about 1 nat"),
        ClaimSpec(id: "ex7.<toy>.prog_rnd_competitive", statement: "Section 4: progressive stays competitive", claimClass: .empirical, primary: true,
                  estimand: "at depth 12, mean NLL(PROG-RND) − mean NLL(E2E) (nats)", unit: deepUnit, margin: .atMost(toyMargin),
                  reason: "equivalence zone: 5 % of about 1 nat"),
    ]

    static let beyondThePaper: [ClaimSpec] = [
        ClaimSpec(id: "ex8.<density>.closed_form_gap", statement: "Beyond the paper: a closed-form Lemma 1 layer attains the bound (ex8)",
                  claimClass: .empirical, primary: true,
                  estimand: "mean over independent fits of held-out ML loss − Theorem 1 minimum of the layer built from estimated conditional moments, no gradient descent, at the largest N (W and WU)",
                  unit: "independent fits (own samples and held-out set each)", margin: .atMost(singleLayerMargin, floor: 0),
                  reason: "the trained layer's claim, with the same margin: " + singleLayerReason),
        ClaimSpec(id: "ex9.<set>.general_oas_beats_best_random", statement: "Beyond the paper: general OAS in D > 2 beats random rotations (ex9)",
                  claimClass: .empirical, primary: true,
                  estimand: "first layer, mean over seeds of Δ̂(general OAS) − Δ̂(best of the random candidates), on held-out samples (nats)",
                  unit: "seeds (paired)", margin: .atLeast(rotationMargin),
                  reason: "smallest effect of interest: the rotation default, 5 % of Example 4's Δmax"),
        ClaimSpec(id: "ex9.<set>.lw_general_oas_beats_lw_rnd", statement: "Beyond the paper: general OAS in D > 2 beats random rotations (ex9)",
                  claimClass: .empirical, primary: true,
                  estimand: "held-out NLL(LW-RND) − NLL(LW-OAS) averaged over depths, mean over seeds (nats)",
                  unit: "seeds per method", margin: .atLeast(toyMargin), reason: "the smallest effect of interest of Section 4's toys"),
        ClaimSpec(id: "ex9.hidden8.general_oas_finds_hidden_subspace", statement: "Beyond the paper: general OAS in D > 2 beats random rotations (ex9)",
                  claimClass: .empirical, primary: false,
                  estimand: "mean over seeds of Δ̂(known answer) − Δ̂(general OAS): what the search leaves of the hidden structure (nats)",
                  unit: "seeds", margin: .atMost(rotationMargin), reason: "a rotation's regret, as in Example 4"),
        ClaimSpec(id: "ex9.hidden8.spearman_delta_vs_trained", statement: "Beyond the paper: Δ̂ ranks rotations as training does (ex9)",
                  claimClass: .empirical, primary: true,
                  estimand: "Spearman ρ between Δ̂ and one trained coupling's held-out loss decrease over candidate rotations (Fisher-z interval)",
                  unit: "candidate rotations", margin: .atLeast(0.8),
                  reason: "a strong monotone agreement: ρ ≥ 0.8 means Δ̂ orders the candidates as training would, up to a few swaps"),
        ClaimSpec(id: "ex9.<set>.lw_oas_no_overfitting", statement: "Beyond the paper: general OAS in D > 2 beats random rotations (ex9)",
                  claimClass: .empirical, primary: false,
                  estimand: "mean over train/test splits of the largest rise of the test NLL when a layer is added (nats)",
                  unit: "splits", margin: .atMost(toyMargin), reason: "a rise beyond the toys' smallest effect of interest is overfitting"),
    ]

    /// The margin of a claim check (nil: the id is not in the table).
    public static func spec(_ id: String) -> ClaimSpec? { table.spec(for: id) }
}

extension ClaimCatalog {
    /// `docs/claims.md`, generated (`couplinglab claims > docs/claims.md`; a test keeps the file equal to this).
    public static var markdown: String {
        table.markdown(title: "The claims and their margins", introduction: """
        Generated from `Sources/Paper/Common/ClaimCatalog.swift` by `couplinglab claims > docs/claims.md`; a test fails when the two differ.
        Every claim check of the report is listed with what it measures, what it is measured over, the region it must lie in and why.
        The margins were fixed before the confirming run and are the same in every profile: the fast profile changes compute, never margins, so it may be undecided where the paper profile decides.
        The confirming run draws every seed fresh, from an offset no earlier run used: `make report SEED_OFFSET=1` (`couplinglab report --seed-offset 1`) moves every stage seed by 2³², and the provenance table records the offset.

        **Mathematics** is verified on exact objects — densities whose conditional laws are known in closed form, integrated by quadrature, no training — where a point test at numerical precision is right because the null is exactly true.
        **Experiments** are decided by the (1 − 2α) interval of the estimand over its replicates: pass when it lies inside the margin, fail when it lies entirely outside, undecided when it straddles the margin's edge.
        A margin's `floor` is a bound the mathematics guarantees (no trained loss lies truly below the Theorem 1 minimum): an interval entirely below it fails; one that reaches below it is noise.
        Only primary checks are scored on the report's scoreboard (one per claim; a claim stated "for every toy" or "for each density" has one per case and holds when all hold); diagnostics and sensitivity rows are shown beside them.
        """)
    }
}
