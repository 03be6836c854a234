import Foundation
import FlowCore

/// The common setup of the single-layer stages (fig1, ex1–ex5): network, soft clamp, training
/// protocol and initialisation (`protocol.md` beside this file). Example 1's section states it once
/// (`commonSetup`); every other single-layer stage links to it (`reference`) and lists only its own deviations.
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

    /// The heading of the common-setup block inside Example 1's "Deviations from the paper".
    static let heading = "Common setup of the single-layer stages (Fig. 1, Examples 1–5)"

    /// The full common setup, under its own heading (rendered once, in Example 1's section).
    static func commonSetup(_ s: SingleCouplingSettings) throws -> String {
        "Example 1 has no deviations of its own. The common setup below is shared by every single-layer stage; "
            + "their sections link here and list only their own deviations.\n\n#### \(heading)\n\n" + (try bullets(s))
    }

    /// The bullets as Markdown.
    static func bullets(_ s: SingleCouplingSettings) throws -> String {
        try ExampleFolder.commonPiece("SingleCoupling/protocol.md", values(s))
    }

    /// What a single-layer stage other than Example 1 prints instead of the bullets: a link to the
    /// common setup, and the one way the settings can differ from the paper profile's (a shortened training).
    static func reference(_ s: SingleCouplingSettings) -> String {
        var text = "- **Common setup.** Network, soft clamp (the deviation shared by every single-layer stage), training "
            + "protocol and initialisation are stated once, in [Example 1 → \(heading)](#stage-ex1)."
        if !isPaperProtocol(s) {
            let t = s.training
            text += "\n- **Shortened training (deviation, this profile only).** \(t.steps) steps of \(t.batchSize) fresh samples, "
                + "learning rate \(g(t.adam.learningRate)) multiplied by \(g(t.schedule.gamma)) every \(t.schedule.every) steps."
        }
        return text
    }

    static func values(_ s: SingleCouplingSettings) -> [String: String] {
        let t = s.training
        let paper = isPaperProtocol(s)
        return [
            "widths": ProseNumber.list(s.hiddenWidths),
            "activation": activationName(s.activation),
            "clamp_tex": clampTeX(s.clamp),
            "clamp_limit": clampLimit(s.clamp).map(g) ?? "∞",
            "steps_title": paper ? "Steps and batch size (our reading — the paper gives neither)" : "Shortened training (deviation, this profile only)",
            "steps": "\(t.steps)", "batch": "\(t.batchSize)",
            "learning_rate": g(t.adam.learningRate), "gamma": g(t.schedule.gamma), "every": "\(t.schedule.every)",
            "weight_decay": g(t.adam.weightDecay),
            "fast_note": paper ? "" : " (the paper profile: 4096 × 4096, ×0.9 every 100 steps — the fast profile keeps the learning rate and the total decay)",
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
