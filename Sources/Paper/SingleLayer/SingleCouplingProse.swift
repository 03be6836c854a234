import Foundation
import FlowCore

/// The "network, training and deviations" bullets every single-layer stage shows, from its settings,
/// so that fig1, ex1, ex2, ex3 and ex5 describe the same protocol in the same words.
enum SingleCouplingProse {
    /// The soft clamp as TeX, e.g. s = 2·(2/π)·atan(s_raw/2).
    static func clampTeX(_ clamp: SoftClamp) -> String {
        switch clamp {
        case .none: return "s = s_{\\mathrm{raw}}"
        case let .tanh(c): return "s = \(g(c))\\tanh(s_{\\mathrm{raw}}/\(g(c)))"
        case let .atan(c): return "s = \(g(c))\\cdot\\frac{2}{\\pi}\\arctan(s_{\\mathrm{raw}}/\(g(c)))"
        }
    }

    static func activationName(_ a: Activation) -> String {
        switch a {
        case .relu: return "ReLU"
        case .leakyRelu: return "LeakyReLU (negative slope 0.01)"
        case .tanh: return "tanh"
        case .softplus: return "softplus"
        }
    }

    /// Whether the settings' training is the paper's Example 1 protocol.
    static func isPaperProtocol(_ s: SingleCouplingSettings) -> Bool {
        s.hiddenWidths == [256] && s.training == .paperExample1
    }

    /// Markdown bullets: network and activation (not a deviation), the soft clamp (a deviation), steps and
    /// schedule (a deviation only when shortened), the training loop and the initialisation.
    static func bullets(_ s: SingleCouplingSettings) -> String {
        let t = s.training
        let widths = s.hiddenWidths.map(String.init).joined(separator: ", ")
        let paper = isPaperProtocol(s)
        let clampBound = clampLimit(s.clamp).map { c in " The clamp maps onto $(-\(g(c)), \(g(c)))$, which contains every optimal $s^*(p) = -\\log\\sigma(p)$ of the examples ($|\\log\\sigma(p)| \\le \\log 4 \\approx 1.39$), so Lemma 1's optimum stays reachable." } ?? ""
        return """
        - **Network (as in the paper).** The subnet $p \\mapsto (s_{\\mathrm{raw}}, t)$ has hidden width \(widths) and \
        activation \(activationName(s.activation)). The paper gives width, depth, learning rate, schedule, steps and batch size \
        but *not* the activation, so this is our choice, not a deviation. We use LeakyReLU because with plain ReLU most hidden \
        units end inactive on the whole data range and then receive no gradient: in a measurement with this protocol \
        (W density, seeds 1–10) about 72 % of the ReLU units ended dead and 3 of 10 seeds stayed more than 0.03 nats above the \
        Theorem 1 minimum, against 1 of 10 with LeakyReLU.
        - **Soft clamping (deviation).** The paper uses $e^{s}$ directly; we use $\(clampTeX(s.clamp))$ (FrEIA's default \
        clamp), because plain $e^{s}$ with Adam at $\\eta = 0.1$ blows up in the first steps (a trial run ended at a loss of \
        about 16 nats).\(clampBound)
        - **\(paper ? "Steps (as in the paper)" : "Shortened training (deviation, this profile only)").** "4096 epochs with 4096 \
        samples each" is read as Adam steps on fresh samples: here \(t.steps) steps of \(t.batchSize) samples, learning rate \
        \(g(t.adam.learningRate)) multiplied by \(g(t.schedule.gamma)) every \(t.schedule.every) steps, weight decay \
        \(g(t.adam.weightDecay))\(paper ? "" : " (the paper: 4096 × 4096, ×0.9 every 100 steps — the fast profile keeps the learning rate and the total decay)").
        - **Training loop.** The library's Float trainer `FlowTrainer.train`; a `TrainingObserver` copies the parameters back \
        every \(s.traceEvery) steps to record the ML loss on a fixed set of \(s.traceCount) samples. The reported loss is \
        evaluated afterwards on \(s.heldOutCount) further fresh samples, in Double precision.
        - **Initialisation.** \(s.zeroOutputLayer ? "PyTorch's default uniform initialisation for the hidden layer; the output layer starts at zero, so training starts from the identity map." : "PyTorch's default `nn.Linear` initialisation, U(±1/√fan_in), for both layers (not a zero output layer: at η = 0.1 the first Adam step would move all output weights at once and switch off hidden units; over W seeds 1–10 a zero output layer left one seed 0.032 nats above the Theorem 1 minimum, the default initialisation none above 0.021).")
        """
    }

    /// The bound c of a soft clamp (|s| < c), nil without one.
    static func clampLimit(_ clamp: SoftClamp) -> Double? {
        switch clamp {
        case .none: return nil
        case let .tanh(c), let .atan(c): return c
        }
    }

    /// A number in its shortest form (0.1, 2, 4096).
    static func g(_ x: Double) -> String { String(format: "%g", x) }
}
