import Foundation
import Report

/// The Markdown of the Example 6 section.
enum Example6Prose {
    static func markdown(result r: DeepProblemResult, config: Example6Stage.Config, klOffset: Double, checks: [Check]) -> String {
        let c = config.run
        let methods = Example6Stage.methods
        let klRows = (0..<c.depth).map { d in
            ["\(d + 1)"] + methods.map { DeepProse.f(r.methods[$0]!.meanLoss[d] + klOffset) }
        }
        let oas = r.methods[.lwOAS]!.meanLoss, rnd = r.methods[.lwRND]!.meanLoss, e2e = r.methods[.e2e]!.meanLoss
        return """
        The paper asks whether single-layer theory explains deep affine flows, and answers with a toy: the uniform \
        square $\\mu = \\mathcal{U}([-1, 1]^2)$. It claims that the layer-wise construction with optimal affine \
        subspaces (Algorithm 2) performs on par with end-to-end training although it only ever optimises the last \
        layer, and that it beats layer-wise training with random rotations.

        Because $H[\\mu] = \\log 4$ is known, the quality of a flow $T$ is measured exactly as a KL divergence \
        (Eq. 7), estimated on \(c.heldOutCount) held-out samples:

        $$\\mathrm{KL}(T_\\sharp\\mu \\,\\|\\, \\mathcal{N}) = -H[\\mu] + \\log 2\\pi + \\mathbb{E}_{x \\sim \\mu}\\left[ \\frac{1}{2}\\|T(x)\\|^2 - \\log|\\det J_T(x)| \\right].$$

        Before any layer (the identity map) the KL is \(DeepProse.f(r.identityLoss + klOffset)) nats.

        \(DeepProse.methodsParagraph)

        \(DeepProse.fairness(c))

        \(Markdown.figure("fig5", caption: "Fig. 5 — model densities of seed 0 after 1, 2, 4 and 8 blocks (rows: LW-OAS, LW-RND, E2E; one viridis scale for all panels, saturating at the 99.5th percentile), the target density, the KL to the normal against depth (mean over \(c.seeds) seeds, band: seed range), and for LW-OAS the Theorem 1 bound Δ̂ of each chosen rotation beside the loss decrease the block achieved."))

        \(Markdown.figure("ex6-convergence", caption: "ex6-convergence — validation KL during training, seed 0 of each method, against cumulative training steps: one segment per training run (per added block for LW; the final-depth flow for E2E). Segments meeting the convergence criterion in the method's colour, the others in black ending in ×; titles count converged runs over all seeds. Dotted: KL = 0."))

        **Converged training runs** (all seeds, chosen learning rate): \(DeepProse.convergenceRows([r], methods: methods)[0].dropFirst().enumerated().map { "\(methods[$0.offset].label) \($0.element)" }.joined(separator: ", ")).

        **Held-out KL (nats) by depth, mean over seeds** ("—": end-to-end flows are not trained at that depth).

        \(Markdown.table(header: ["depth"] + methods.map(\.label), rows: klRows))

        **Learning-rate search** (validation ML loss at depth \(c.depth), seed 0):

        \(Markdown.table(header: ["method", "chosen lr"] + c.learningRates.map { "lr \($0)" },
                         rows: DeepProse.learningRateRows(r, methods: methods, rates: c.learningRates)))

        **What we find.** At depth \(c.depth) the KL is \(DeepProse.f(oas.last! + klOffset)) (LW-OAS), \
        \(DeepProse.f(rnd.last! + klOffset)) (LW-RND) and \(DeepProse.f(e2e.last! + klOffset)) nats (E2E). The checks \
        below compare seed means: "OAS beats RND" is measured by the worst depth's margin KL(LW-RND) − KL(LW-OAS); \
        "on par" by KL(LW-OAS) − KL(E2E) at depth \(c.depth) against \(DeepProse.f(config.tolerances.competitive, 2)) \
        nats; the sanity checks take the largest increase of the held-out loss when a layer-wise block is added, over \
        every seed, against an optimisation-noise allowance of \(DeepProse.f(config.tolerances.sanity, 2)) nats. \
        A failed check is a finding about this setup, reported as measured.

        \(DeepFindings.summary(checks, names: DeepFindings.names))

        \(DeepProse.deviations(c))

        \(DeepProse.configTable(c))

        \(Markdown.literate("ex6-train"))
        """
    }
}
