import Foundation
import Report

/// The section bodies of the Example 1 and 2 stages.
extension WExampleProse {
    static func example1(_ r: WExampleRun, checks: [Check], config: WExampleConfig) -> String {
        """
        ### What the paper claims

        The *W density* (Eq. 12–13) has $p \\sim \\mathcal{U}([-2, 2])$ and a Gaussian conditional \
        $a | p \\sim \\mathcal{N}(m(p), \\sigma(p))$ with $m(p) = \\frac{1}{2}\\cos(\\pi p)$ and \
        $\\sigma(p) = \\frac{1}{8}(3 - \\cos(\\frac{8\\pi}{3}p))$. A single coupling with $Q = 1$, trained by maximum \
        likelihood, should learn exactly these moments (Fig. 2b) and map every conditional to $\\mathcal{N}(0, 1)$ \
        (Fig. 2c, 2e).

        \(theory)

        ### How we test it

        We train the layer with the paper's hyperparameters, then (i) read $\\hat m, \\hat\\sigma$ out of $s, t$ on \
        \(config.readOutPoints) points of $p \\in [-2, 2]$ and compare with $m, \\sigma$ (RMSE); (ii) evaluate the ML loss on \
        \(r.heldOut.count) held-out samples and compare with the Theorem 1 minimum — it may not lie below it by more than \
        3 standard errors (no layer beats the bound) and not above it by more than the tolerance; (iii) push the held-out \
        samples through the layer and check that in each of \(config.bins) bins of $p$ on \
        $[-\(config.binHalfWidth), \(config.binHalfWidth)]$ the output $a'$ has mean ≈ 0 and standard deviation ≈ 1 (Eq. 11).

        \(Markdown.literate("ex1-train"))

        ### Results

        \(resultTable(r))

        ### Findings

        \(WFindings.example(r, checks: checks, readOutFigure: "Fig. 2b"))

        \(Markdown.figure("fig2a", caption: "Fig. 2a — the W density μ(p, a), evaluated exactly on a grid (white: contour lines)."))

        \(Markdown.figure("fig2b", caption: "Fig. 2b — true conditional moments m(p), σ(p) (solid) and the Lemma 1 read-out m̂ = −t·exp(−s), σ̂ = exp(−s) of the trained layer (dashed)."))

        \(Markdown.figure("fig2c", caption: "Fig. 2c — push-forward of W by the trained layer: a 2D histogram of (p, a′) from \(config.figureSamples) fresh samples. Lemma 1 predicts every vertical slice to be N(0, 1)."))

        \(Markdown.figure("fig2e", caption: "Fig. 2e — mean and standard deviation of a′ in \(config.bins) bins of p, with the targets 0 and 1 and the accepted bands."))

        \(Markdown.figure("ex1-loss", caption: "Training loss of each step (on that step's fresh batch), held-out loss on a fixed set every \(config.setup.traceEvery) steps, and the Theorem 1 minimum."))

        ### Deviations from the paper

        \(deviations(config.setup))
        """
    }

    static func example2(_ r: WExampleRun, ks: Double, checks: [Check], config: WExampleConfig) -> String {
        """
        ### What the paper claims

        The *WU density* (Eq. 14–15) keeps $p \\sim \\mathcal{U}([-2, 2])$ and the moments $m(p), \\sigma(p)$ of the W \
        density but makes the conditional uniform: $a | p \\sim \\mathcal{U}([m(p) - \\sqrt{3}\\sigma(p), m(p) + \\sqrt{3}\\sigma(p)])$. \
        Lemma 1 only involves the first two conditional moments, so the optimal layer is the same \
        $a' = (a - m(p))/\\sigma(p)$ as for W — and the push-forward is *not* normal: it is (Eq. 16–17)

        $$T_\\sharp\\mu(p) = \\mathcal{U}([-2, 2]), \\qquad T_\\sharp\\mu(a'|p) = \\mathcal{U}([-\\sqrt{3}, \\sqrt{3}]),$$

        independent of $p$. The maximum-likelihood layer does not make the marginal of $a'$ Gaussian; it standardises each \
        conditional.

        \(theory)

        ### How we test it

        The same training and checks as Example 1, and in addition the Kolmogorov–Smirnov distance between the \
        \(r.heldOut.count) pushed-forward held-out values $a'$ and $\\mathcal{U}(-\\sqrt{3}, \\sqrt{3})$ (measured \
        \(f4(ks)); for that many draws from the uniform itself it would be about $0.87/\\sqrt{N} \\approx$ \
        \(f4(0.87 / Double(r.heldOut.count).squareRoot()))).

        \(Markdown.literate("ex2-train"))

        ### Results

        \(resultTable(r))

        ### Findings

        \(WFindings.example(r, checks: checks, readOutFigure: "Fig. 2b of Example 1, for W,"))

        \(Markdown.figure("fig2d", caption: "Fig. 2d — push-forward of WU by the trained layer: a 2D histogram of (p, a′) from \(config.figureSamples) fresh samples; dashed lines at a′ = ±√3. Eq. 17 predicts every slice to be U(−√3, √3), independent of p."))

        \(Markdown.figure("ex2-loss", caption: "Training loss of each step, held-out loss on a fixed set every \(config.setup.traceEvery) steps, and the Theorem 1 minimum for WU."))

        ### Deviations from the paper

        \(deviations(config.setup))
        """
    }
}
