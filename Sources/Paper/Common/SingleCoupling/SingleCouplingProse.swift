import Foundation
import FlowCore
import Report

/// The common setup of the single-layer stages (fig1, ex1–ex5): network, soft clamp, training
/// protocol and initialisation (`protocol.md` beside this file, with the sentences that depend on the
/// settings as its alternatives). Example 1's section states it once (`bullets`, under `heading`);
/// every other single-layer stage links to it (`reference`) and lists only its own deviations.
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

    /// The heading of the common-setup block inside Example 1's "Deviations from the paper" (the
    /// other stages' link names it too).
    static let heading = "Common setup of the single-layer stages (Fig. 1, Examples 1–5)"

    enum StepsTitle: String, ProseChoice { static let group = "steps_title"; case paper, shortened }
    enum PaperProfileNote: String, ProseChoice { static let group = "paper_profile_note"; case shortened }
    enum Initialisation: String, ProseChoice {
        static let group = "initialisation"
        case zeroOutput = "zero_output", defaultOutput = "default_output"
    }
    enum SetupReference: String, ProseChoice { static let group = "setup_reference"; case bullet }
    enum ShortenedTraining: String, ProseChoice { static let group = "shortened_training"; case bullet }

    static let choices: [any ProseChoice.Type] = [StepsTitle.self, PaperProfileNote.self, Initialisation.self,
                                                  SetupReference.self, ShortenedTraining.self]

    static func document() throws -> ProseDocument {
        try ExampleFolder.commonDocument("SingleCoupling/protocol.md", choices: choices)
    }

    /// The bullets as Markdown (Example 1 states them once, under `heading`; the ablation repeats them).
    static func bullets(_ s: SingleCouplingSettings) throws -> String {
        let prose = try document()
        return try prose.render(values(s, prose))
    }

    /// What a single-layer stage other than Example 1 prints instead of the bullets: a link to the
    /// common setup, and the one way the settings can differ from the paper profile's (a shortened training).
    static func reference(_ s: SingleCouplingSettings) throws -> String {
        let prose = try document()
        var text = try prose.text(SetupReference.bullet, ["heading": heading])
        if !isPaperProtocol(s) {
            let t = s.training
            text += "\n" + (try prose.text(ShortenedTraining.bullet, [
                "steps": "\(t.steps)", "batch": "\(t.batchSize)", "learning_rate": g(t.adam.learningRate),
                "gamma": g(t.schedule.gamma), "every": "\(t.schedule.every)",
            ]))
        }
        return text
    }

    static func values(_ s: SingleCouplingSettings, _ prose: ProseDocument) throws -> [String: String] {
        let t = s.training
        let paper = isPaperProtocol(s)
        return [
            "widths": ProseNumber.list(s.hiddenWidths),
            "activation": activationName(s.activation),
            "clamp_tex": clampTeX(s.clamp),
            "clamp_limit": clampLimit(s.clamp).map(g) ?? "∞",
            "steps_title": try prose.text(paper ? StepsTitle.paper : .shortened),
            "steps": "\(t.steps)", "batch": "\(t.batchSize)",
            "learning_rate": g(t.adam.learningRate), "gamma": g(t.schedule.gamma), "every": "\(t.schedule.every)",
            "weight_decay": g(t.adam.weightDecay),
            // The note follows the weight decay inside a sentence, hence the space.
            "paper_profile_note": paper ? "" : " " + (try prose.text(PaperProfileNote.shortened)),
            "trace_every": "\(s.traceEvery)", "trace_count": "\(s.traceCount)", "held_out": "\(s.heldOutCount)",
            "initialisation": try prose.text(s.zeroOutputLayer ? Initialisation.zeroOutput : .defaultOutput),
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
