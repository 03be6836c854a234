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

    /// One row per statement of the paper, matched to checks by id (see `PaperStatement`).
    public static func statements() -> [PaperStatement] {
        [
            PaperStatement(name: "Lemma 1 (Eq. 9–11)",
                           statement: "The ML-optimal single coupling standardises every conditional: e^s = 1/σ(p), t = −m(p)/σ(p).",
                           idPrefixes: ["lemma1."]),
            PaperStatement(name: "Theorem 1 (Eq. 18–20)",
                           statement: "A single coupling lowers the loss by at most Δ(Q), and training attains this bound.",
                           idPrefixes: ["theorem1.", "fig1.gap_", "ex1a.paper_setup_"]),
            PaperStatement(name: "Example 2 (Eq. 16–17)",
                           statement: "On WU the optimal layer's output is uniform U(−√3, √3), not normal.",
                           idPrefixes: ["ex2."]),
            PaperStatement(name: "Corollary 1 (Eq. 21–22)",
                           statement: "The conditional KL after the optimal layer is zero iff every conditional is normal.",
                           idPrefixes: ["corollary1."]),
            PaperStatement(name: "Algorithm 1 (OAS, Example 4)",
                           statement: "Δ̂ from about 256 samples finds the optimal rotation of the mixture.",
                           idPrefixes: ["ex4."]),
            PaperStatement(name: "Lemma 2 (Example 5), restated with g > 0",
                           statement: "a′ ⊥ p after the optimal layer iff a = f(p) + g(p)·n with noise n ⊥ p and g > 0.",
                           idPrefixes: ["lemma2."]),
            PaperStatement(name: "Lemma 2 as printed (no sign on g)",
                           statement: "a′ ⊥ p after the optimal layer iff a = f(p) + g(p)·n with noise n ⊥ p (any g).",
                           idPrefixes: ["lemma2_printed."]),
            PaperStatement(name: "Section 4: OAS beats random rotations",
                           statement: "Layer-wise, OAS rotations beat random ones (uniform square and toys).",
                           idSuffixes: [".lw_oas_beats_lw_rnd"]),
            PaperStatement(name: "Section 4: layer-wise on par with end-to-end",
                           statement: "On the uniform square, LW-OAS performs on par with E2E.",
                           idSuffixes: [".lw_oas_on_par_with_e2e"]),
            PaperStatement(name: "Section 4: layer-wise wins for few layers",
                           statement: "With few layers LW-OAS beats end-to-end training.",
                           idSuffixes: [".lw_oas_beats_e2e_shallow"]),
            PaperStatement(name: "Section 4: end-to-end wins for deep flows",
                           statement: "As depth grows, E2E overtakes LW-OAS.",
                           idSuffixes: [".e2e_beats_lw_oas_deep"]),
            PaperStatement(name: "Section 4: progressive stays competitive",
                           statement: "Progressive training (PROG-OAS, PROG-RND) stays competitive with E2E for deep flows.",
                           idSuffixes: [".prog_oas_competitive", ".prog_rnd_competitive"]),
            PaperStatement(name: "Beyond the paper: closed-form Lemma 1 layers (Extension, ex8)",
                           statement: "A coupling built from estimated conditional moments, without gradient descent, gets closer to the Theorem 1 bound than the trained one.",
                           idPrefixes: ["ex8."]),
            PaperStatement(name: "Beyond the paper: general OAS in D > 2 (Example 9)",
                           statement: "A search over SO(D) with D_P > 1 beats random rotations, and Δ̂ ranks rotations as training does.",
                           idPrefixes: ["ex9."]),
        ]
    }
}
