import Report

/// Every stage of the report, in the order the report shows them (the paper's order), and the
/// paper's statements that their claim checks test (the report's claims scoreboard).
public enum StageCatalog {
    public static func stages() -> [any Stage] {
        [
            Figure1Stage(),
            Example1Stage(),
            Example1aStage(),
            Example2Stage(),
            Example3Stage(),
            Example4Stage(),
            Example5Stage(),
            Example6Stage(),
            Example7Stage(),
            Example8Stage(),
            Example9Stage(),
        ]
    }

    /// One row per statement: the mathematics first (verified on exact objects), then the experiments
    /// (decided against the claim table's margins), matched to their primary checks by id.
    public static func statements() -> [PaperStatement] {
        [
            PaperStatement(name: "Lemma 1 (Eq. 9–11)", statement: "The ML-optimal single coupling standardises every conditional: e^s = 1/σ(p), t = −m(p)/σ(p).",
                           claimClass: .math, idPrefixes: ["lemma1.exact_"]),
            PaperStatement(name: "Theorem 1 (Eq. 18–20)", statement: "A single coupling lowers the KL by at most Δ(Q) (Eq. 20), and the optimal layer attains it.",
                           claimClass: .math, idPrefixes: ["theorem1.exact_"]),
            PaperStatement(name: "Corollary 1 (Eq. 21–22)", statement: "The optimal layer's conditional KL is zero if and only if every conditional is normal.",
                           claimClass: .math, idPrefixes: ["corollary1.exact_"]),
            PaperStatement(name: "Example 2 (Eq. 16–17)", statement: "On WU the optimal layer's output is U(−√3, √3) at every p, not normal.",
                           claimClass: .math, idPrefixes: ["ex2.exact_"]),
            PaperStatement(name: "Lemma 2, restated with g > 0", statement: "a′ ⊥ p after the optimal layer iff a = f(p) + g(p)·n with noise n ⊥ p and g > 0.",
                           claimClass: .math, idPrefixes: ["lemma2.exact_"]),
            PaperStatement(name: "Lemma 2 as printed (no sign on g): erratum", statement: "a′ ⊥ p iff a = f(p) + g(p)·n with n ⊥ p (any g) — refuted by g = sign(p)·σ(p) with skewed n, where E[a′³ | p] = 2·sign(p).",
                           claimClass: .math, idPrefixes: ["lemma2_printed.exact_"]),
            PaperStatement(name: "Fig. 1", statement: "Trained single couplings attain the Theorem 1 bound at every rotation of the mixture.",
                           claimClass: .empirical, idPrefixes: ["fig1."]),
            PaperStatement(name: "Examples 1 and 3 (W)", statement: "Training attains the Theorem 1 bound on W.",
                           claimClass: .empirical, idSuffixes: ["training_gap_W"]),
            PaperStatement(name: "Examples 2 and 3 (WU)", statement: "Training attains the Theorem 1 bound on WU.",
                           claimClass: .empirical, idSuffixes: ["training_gap_WU"]),
            PaperStatement(name: "Example 1 (Fig. 2b)", statement: "The trained layer's moments closely follow Lemma 1's m(p) and σ(p).",
                           claimClass: .empirical, idPrefixes: ["lemma1.trained_", "lemma1.binned_"]),
            PaperStatement(name: "Example 4 / Algorithm 1 (OAS)", statement: "Δ̂ from about 256 samples finds the optimal rotation of the mixture.",
                           claimClass: .empirical, idPrefixes: ["ex4."]),
            PaperStatement(name: "Example 5 (trained layers)", statement: "After training, a′ is independent of p (W, WU, and a skewed noise with g > 0).",
                           claimClass: .empirical, idPrefixes: ["lemma2.trained_"]),
            PaperStatement(name: "Section 4: OAS beats random rotations", statement: "Layer-wise, OAS rotations beat random ones (uniform square and every toy).",
                           claimClass: .empirical, idSuffixes: [".lw_oas_beats_lw_rnd"]),
            PaperStatement(name: "Section 4: layer-wise on par with end-to-end", statement: "On the uniform square, LW-OAS performs on par with E2E.",
                           claimClass: .empirical, idSuffixes: [".lw_oas_on_par_with_e2e"]),
            PaperStatement(name: "Section 4: layer-wise wins for few layers", statement: "With few layers LW-OAS beats end-to-end training (every toy).",
                           claimClass: .empirical, idSuffixes: [".lw_oas_beats_e2e_shallow"]),
            PaperStatement(name: "Section 4: end-to-end wins for deep flows", statement: "As depth grows, E2E overtakes LW-OAS (every toy).",
                           claimClass: .empirical, idSuffixes: [".e2e_beats_lw_oas_deep"]),
            PaperStatement(name: "Section 4: progressive stays competitive", statement: "Progressive training (PROG-OAS, PROG-RND) stays competitive with E2E for deep flows (every toy).",
                           claimClass: .empirical, idSuffixes: [".prog_oas_competitive", ".prog_rnd_competitive"]),
            PaperStatement(name: "Beyond the paper: closed-form Lemma 1 layers (ex8)", statement: "A coupling built from estimated conditional moments, without gradient descent, attains the Theorem 1 bound.",
                           claimClass: .empirical, idPrefixes: ["ex8."]),
            PaperStatement(name: "Beyond the paper: general OAS in D > 2 (ex9)", statement: "A search over SO(D) with D_P > 1 beats random rotations.",
                           claimClass: .empirical, idSuffixes: [".general_oas_beats_best_random", ".lw_general_oas_beats_lw_rnd"]),
            PaperStatement(name: "Beyond the paper: Δ̂ ranks rotations (ex9)", statement: "Δ̂ ranks candidate rotations as a trained coupling's loss decrease does.",
                           claimClass: .empirical, idSuffixes: [".spearman_delta_vs_trained"]),
        ]
    }
}
