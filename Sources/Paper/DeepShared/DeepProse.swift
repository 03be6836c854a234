import Foundation
import Report

/// Markdown pieces shared by the Example 6 and 7 sections.
enum DeepProse {
    /// Formats a number with `digits` decimals.
    static func f(_ x: Double, _ digits: Int = 3) -> String {
        x.isFinite ? String(format: "%.\(digits)f", x) : (x > 0 ? "diverged" : "—")
    }

    /// The training setup as a parameter table.
    static func configTable(_ c: DeepRunConfig) -> String {
        Markdown.table(header: ["parameter", "value"], rows: [
            ["coupling blocks L", "\(c.depth)"],
            ["subnet", "1 → " + c.hiddenWidths.map(String.init).joined(separator: " → ") + " → 2, ReLU"],
            ["soft clamp of s", "s = \(f(c.clamp, 1))·(2/π)·atan(s_raw/\(f(c.clamp, 1)))"],
            ["batch size (fresh samples every step)", "\(c.batchSize)"],
            ["Adam steps per layer-wise iteration", "\(c.stepsPerLayer)"],
            ["Adam steps per progressive iteration", "\(c.progressiveSteps)"],
            ["Adam steps per end-to-end flow of depth d", c.endToEndStepsPerBlock > 0 ? "max(\(c.endToEndSteps), \(c.endToEndStepsPerBlock)·d)" : "\(c.endToEndSteps)"],
            ["end-to-end depths trained", c.endToEndDepths.map(String.init).joined(separator: ", ")],
            ["validation trace", "\(c.validationPoints) points per training run on \(c.validationCount) fixed samples"],
            ["convergence criterion", "validation loss improves by ≤ \(f(c.convergenceTolerance, 2)) nats over the last quarter of a run"],
            ["learning-rate grid (Adam)", c.learningRates.map { String($0) }.joined(separator: ", ")],
            ["learning-rate decay", "×\(f(c.decayFactor, 2)) every quarter of a training run"],
            ["seeds per method", "\(c.seeds) (learning-rate search on seed 0)"],
            ["OAS (Algorithm 1)", "\(c.oasAngles) angles in [0°, 180°), \(c.oasSamples) push-forward samples, \(c.oasBins) equal-width bins"],
            ["held-out / validation samples", "\(c.heldOutCount) / \(c.validationCount)"],
            ["concurrent trainings", "\(c.workers) (results do not depend on it)"],
        ])
    }

    /// The chosen learning rate and the validation loss of every searched rate, per method.
    static func learningRateRows(_ r: DeepProblemResult, methods: [DeepMethod], rates: [Double]) -> [[String]] {
        methods.map { m in
            let res = r.methods[m]!
            return [m.label, String(res.chosenLearningRate)] + res.validationByLearningRate.map { f($0) }
        }
    }

    /// How the methods are built and compared: shared by both sections.
    static let methodsParagraph = """
    **Methods.** *LW* (Algorithm 2) adds one identity-initialised coupling block $\\tau_l \\circ Q_l$ at a time and \
    trains only $\\tau_l$, on fresh samples pushed through the frozen $T^{(l-1)}$. *PROG* adds blocks the same way but \
    iteration $l$ trains blocks $1 \\ldots l$ jointly. *E2E* trains a fresh flow of $L$ blocks with fixed random \
    rotations jointly, separately for every depth $L$. *OAS* picks $Q_l$ by Algorithm 1: the angle maximising the \
    binned estimate $\\hat\\Delta(Q)$ of Theorem 1 on samples of the current push-forward $T^{(l-1)}_\\sharp\\mu$; \
    *RND* draws $Q_l$ uniformly from SO(2).
    """

    /// The per-method share of converged training runs, as a table row per problem.
    static func convergenceRows(_ results: [DeepProblemResult], methods: [DeepMethod]) -> [[String]] {
        results.map { r in
            [r.id] + methods.map { m in
                let res = r.methods[m]!
                return "\(res.convergedRuns)/\(res.totalRuns)" + (res.convergedFraction < 1 ? " (\(Int((res.convergedFraction * 100).rounded())) %)" : "")
            }
        }
    }

    /// How the budgets are set and the comparison kept fair: shared by both sections.
    static func fairness(_ c: DeepRunConfig) -> String {
        """
        **Trained to convergence, or marked.** Every training run — one added block of a layer-wise or progressive \
        flow, or one whole end-to-end flow — records its validation loss at \(c.validationPoints) evenly spaced steps \
        on \(c.validationCount) fixed samples. The learning rate is multiplied by \(f(c.decayFactor, 2)) after each quarter of a \
        run, so the last quarter follows the final decay; a run counts as **converged** when its validation loss \
        improved by at most \(f(c.convergenceTolerance, 2)) nats over that last quarter. A claim is judged only when the \
        methods it compares converged in at least the stated share of their runs; otherwise its check is \
        *inconclusive (budget)*, with the measured value still shown. **The fairness rule:** every method gets the \
        same subnet, batch size, schedule shape and learning-rate grid, its own learning-rate search (on seed 0, by \
        validation loss at the final depth), and enough steps that its runs converge by the criterion — rather than \
        equal numbers of steps. End-to-end flows are trained at depths \(c.endToEndDepths.map(String.init).joined(separator: ", ")) \
        (each a separate flow), which include every depth a check or figure uses; other depths are not drawn.
        """
    }

    /// The deviations from the paper every deep section states.
    static func deviations(_ c: DeepRunConfig) -> String {
        """
        **Deviations from the paper.** The paper gives no sizes for Examples 6 and 7; ours are listed in the table. \
        The log-scale is soft clamped ($s = c \\cdot \\frac{2}{\\pi} \\arctan(s_{\\mathrm{raw}}/c)$, $c = \(f(c.clamp, 1))$). \
        Curves show the mean over \(c.seeds) seeds and the min–max range of the seeds; each check notes its margin's \
        standard error over seeds. \(c.layerwisePool.map { "Layer-wise iterations train the new block on a pool of \($0) fresh samples of $\\mu$ pushed once through the frozen blocks (drawn anew for every block; shuffled mini-batches), not on a fresh push-forward every step: the same distribution $T^{(l-1)}_\\sharp\\mu$, a finite sample of it, about three times cheaper at depth 12. Progressive and end-to-end training draw fresh samples every step." } ?? "")
        """
    }
}
