import Foundation
import FlowCore

/// The "network, training and deviations" bullets every single-layer stage shows
/// (`protocol.md` beside this file), filled from the stage's settings, so that fig1, ex1, ex2,
/// ex3 and ex5 describe the same protocol in the same words.
enum SingleCouplingProse {
    /// The soft clamp as TeX, e.g. s = 2·(2/π)·atan(s_raw/2).
    static func clampTeX(_ clamp: SoftClamp) -> String {
        switch clamp {
        case .none: return #"s = s_{\mathrm{raw}}"#
        case let .tanh(c): return #"s = \#(g(c))\tanh(s_{\mathrm{raw}}/\#(g(c)))"#
        case let .atan(c): return #"s = \#(g(c))\cdot\frac{2}{\pi}\arctan(s_{\mathrm{raw}}/\#(g(c)))"#
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

    /// The bullets as Markdown.
    static func bullets(_ s: SingleCouplingSettings) throws -> String {
        try ExampleFolder.commonPiece("SingleCoupling/protocol.md", values(s))
    }

    static func values(_ s: SingleCouplingSettings) -> [String: String] {
        let t = s.training
        let paper = isPaperProtocol(s)
        return [
            "widths": ProseNumber.list(s.hiddenWidths),
            "activation": activationName(s.activation),
            "clamp_tex": clampTeX(s.clamp),
            "clamp_limit": clampLimit(s.clamp).map(g) ?? "∞",
            "steps_title": paper ? "Steps (as in the paper)" : "Shortened training (deviation, this profile only)",
            "steps": "\(t.steps)", "batch": "\(t.batchSize)",
            "learning_rate": g(t.adam.learningRate), "gamma": g(t.schedule.gamma), "every": "\(t.schedule.every)",
            "weight_decay": g(t.adam.weightDecay),
            "fast_note": paper ? "" : " (the paper: 4096 × 4096, ×0.9 every 100 steps — the fast profile keeps the learning rate and the total decay)",
            "trace_every": "\(s.traceEvery)", "trace_count": "\(s.traceCount)", "held_out": "\(s.heldOutCount)",
            "initialisation": s.zeroOutputLayer
                ? "PyTorch's default uniform initialisation for the hidden layer; the output layer starts at zero, so training starts from the identity map."
                : "PyTorch's default `nn.Linear` initialisation, U(±1/√fan_in), for both layers — not a zero output layer: at η = 0.1 the first Adam step would move all output weights at once and switch off hidden units (`make bench-seeds` compares the two over seeds 1–10).",
        ]
    }

    /// The bound c of a soft clamp (|s| < c), nil without one.
    static func clampLimit(_ clamp: SoftClamp) -> Double? {
        switch clamp {
        case .none: return nil
        case let .tanh(c), let .atan(c): return c
        }
    }

    static func g(_ x: Double) -> String { ProseNumber.g(x) }
}
