import Foundation
import FlowCore
import Report

/// The report prose of Examples 1 and 2 (our own words; equations as in the paper).
enum WExampleProse {
    static func f4(_ x: Double) -> String { String(format: "%.4f", x) }

    /// Shared explanation of Lemma 1 and Theorem 1 and the KL convention.
    static let theory = """
    For one affine coupling with a fixed rotation $Q$, write $(p, a) = Qx$ ($p$ passive, $a$ active). The layer maps \
    $a \\mapsto a' = a\\,e^{s(p)} + t(p)$ and its ML loss (Eq. 8, constant $\\frac{D}{2}\\log 2\\pi$ dropped) is

    $$\\mathrm{ML} = \\mathbb{E}\\left[\\frac{1}{2}p^2 + \\frac{1}{2}\\left(a\\,e^{s(p)} + t(p)\\right)^2 - s(p)\\right].$$

    **Lemma 1 (Eq. 9–11).** Minimising this for every $p$ separately gives $e^{s(p)} = 1/\\sigma(p)$ and \
    $t(p) = -m(p)/\\sigma(p)$, where $m(p)$ and $\\sigma(p)$ are the mean and standard deviation of $a$ given $p$; the \
    optimal layer is $a' = (a - m(p))/\\sigma(p)$: it standardises every conditional. Inverting the two equations reads \
    the moments the trained layer *believes in* out of its $s$ and $t$: $\\hat\\sigma(p) = e^{-s(p)}$ and \
    $\\hat m(p) = -t(p)\\,e^{-s(p)}$ (with $s$ taken after the soft clamp).

    **Theorem 1 (Eq. 18–20).** Inserting the optimum into the loss, the smallest KL divergence a single layer can reach is

    $$\\mathcal{D}_{\\mathrm{KL}}(T_\\sharp\\mu \\| \\mathcal{N}) = \\mathcal{D}_{\\mathrm{KL}}(\\mu_P \\| \\mathcal{N}) + \\mathbb{E}_p\\left[H[\\mathcal{N}(0, \\sigma(p))] - H[\\mu(a|p)]\\right] = \\mathcal{D}_{\\mathrm{KL}}(\\mu \\| \\mathcal{N}) - \\Delta,$$

    $$\\Delta = \\frac{1}{2}\\mathbb{E}_p\\left[m(p)^2 + \\sigma(p)^2 - 1 - \\log \\sigma(p)^2\\right].$$

    In terms of our ML loss the minimum is $\\mathbb{E}[\\frac{1}{2}p^2] + \\mathbb{E}_p[\\frac{1}{2} + \\log\\sigma(p)]$ \
    (`bound_ml_loss`), computed by adaptive Gauss–Kronrod quadrature over $p$. KL values follow the project's \
    convention $\\mathcal{D}_{\\mathrm{KL}} = -H[\\mu] + \\frac{D}{2}\\log 2\\pi + \\mathbb{E}[\\mathrm{ML}]$ with $D = 2$; \
    the entropy $H[\\mu] = \\log 4 + \\mathbb{E}_p[H[\\mu(a|p)]]$ is known in closed form up to \
    $\\mathbb{E}_p[\\log\\sigma(p)]$, which is computed by quadrature over $p$ (Simpson, 20 000 intervals).
    """

    /// The protocol and deviations, common to all single-layer stages.
    static func deviations(_ setup: SingleCouplingSettings) -> String {
        SingleCouplingProse.bullets(setup)
    }

    /// The measured numbers of one run as a table.
    static func resultTable(_ r: WExampleRun) -> String {
        Markdown.table(header: ["quantity", "value"], rows: [
            ["Δ at Q = I (Eq. 20)", f4(r.delta)],
            ["Theorem 1 minimum of the ML loss", f4(r.boundMLLoss)],
            ["trained ML loss, held-out (± SE)", "\(f4(r.heldOut.mean)) ± \(f4(r.heldOut.standardError))"],
            ["KL before → after (minimum)", "\(f4(r.klBefore)) → \(f4(r.klAfter)) (\(f4(r.klMinimum)))"],
            ["RMSE of m̂ / σ̂", "\(f4(r.readOut.meanRMSE)) / \(f4(r.readOut.stdRMSE))"],
            ["worst bin |mean a′| / |std a′ − 1|", "\(f4(r.binned.worstMean)) / \(f4(r.binned.worstStd))"],
            ["training time", String(format: "%.1f s", r.trained.seconds)],
        ])
    }
}
