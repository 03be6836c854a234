import FlowCore

/// How every single-layer stage (fig1, ex1, ex2, ex3, ex5) builds and trains one affine coupling.
///
/// The paper's protocol (Example 1): one hidden layer of width 256, Adam with η = 0.1 multiplied by 0.9
/// every 100 steps, weight decay 0, 4096 steps of 4096 fresh samples. The paper does not name the
/// hidden activation; we use LeakyReLU (slope 0.01), because with plain ReLU about 72 % of the units
/// end dead on the data range and 3 of 10 seeds stall above the Theorem 1 minimum (lead's measurement;
/// LeakyReLU: 1 of 10). Our one deviation from the stated protocol is the soft clamp of the
/// log-scale, s = c·(2/π)·atan(s_raw / c) with c = 2 (FrEIA's default): plain e^{s} at η = 0.1 blows
/// up in the first steps. The clamp is a bijection onto (−2, 2), which contains every optimal
/// s*(p) = −log σ(p) of the examples (|log σ(p)| ≤ log 4 ≈ 1.39), so Lemma 1's optimum stays reachable.
public struct SingleCouplingSettings: Codable, Sendable, Equatable {
    /// Hidden widths of the subnet p ↦ (s_raw, t).
    public var hiddenWidths: [Int]
    /// Hidden nonlinearity (the paper does not state it).
    public var activation: Activation
    /// Soft clamp of s (see the type's documentation).
    public var clamp: SoftClamp
    /// Steps, batch size, Adam and learning-rate schedule.
    public var training: TrainingConfig
    /// Fresh held-out samples for the final ML loss (the Theorem 1 checks).
    public var heldOutCount: Int
    /// Fixed held-out samples for the loss trace during training.
    public var traceCount: Int
    /// Evaluate the trace every this many steps (and before the first and after the last step).
    public var traceEvery: Int
    /// Whether the subnet's output layer starts at zero (the coupling starts as the identity).
    ///
    /// False here: PyTorch's default `nn.Linear` initialisation for every layer, as a plain PyTorch
    /// subnet would have. With a zero output layer, the first Adam step at η = 0.1 moves all 256 output
    /// weights by ≈ η at once (the hidden layer gets no gradient while they are zero), which kills units;
    /// measured by the lead over W seeds 1–10 with LeakyReLU: zero output layer 9/10 seeds within
    /// 0.03 nats of the Theorem 1 minimum (largest gap 0.032), default initialisation 10/10 (largest 0.021).
    /// A single layer does not need to start at the identity; the deep, layer-wise builders (ex6, ex7) do.
    public var zeroOutputLayer: Bool

    public init(hiddenWidths: [Int] = [256], activation: Activation = .leakyRelu, clamp: SoftClamp = .atan(2),
                training: TrainingConfig = .paperExample1, heldOutCount: Int = 1 << 16, traceCount: Int = 1 << 14,
                traceEvery: Int = 64, zeroOutputLayer: Bool = false) {
        self.hiddenWidths = hiddenWidths
        self.zeroOutputLayer = zeroOutputLayer
        self.activation = activation
        self.clamp = clamp
        self.training = training
        self.heldOutCount = heldOutCount
        self.traceCount = traceCount
        self.traceEvery = traceEvery
    }

    /// The paper's Example 1 protocol (with LeakyReLU and the soft clamp stated above).
    public static let paper = SingleCouplingSettings()

    /// The fast profile: the paper's network and learning rate 0.1 with 1024 steps of 1024 fresh samples; the
    /// decay ×0.9 comes every 25 steps so that the rate falls by the same total factor as the paper's
    /// (0.9^40 over the run). Held-out sets keep 2^16 samples (SE ≈ 0.003 nats), the trace 2^12.
    public static let fast = SingleCouplingSettings(
        training: TrainingConfig(steps: 1024, batchSize: 1024, adam: AdamConfig(learningRate: 0.1),
                                 schedule: StepDecay(gamma: 0.9, every: 25)),
        heldOutCount: 1 << 16, traceCount: 1 << 12, traceEvery: 32)

    /// The mini-batch reading of "E epochs with N i.i.d. samples each": every epoch's N fresh samples are
    /// split into N / batch steps of `batch`, so steps × batch (the sample-gradient evaluations) stays the
    /// same; the learning-rate decay keeps its period in epochs (every × N / batch steps), and the trace
    /// keeps its number of points. Throws unless `batch` divides the full batch.
    public func miniBatch(_ batch: Int) throws -> SingleCouplingSettings {
        let full = training.batchSize
        guard batch >= 1, batch <= full, full % batch == 0 else {
            throw FlowCoreError.invalidArgument(name: "mini-batch size", value: "\(batch)", reason: "must divide the full batch \(full)")
        }
        let perEpoch = full / batch
        var s = self
        s.training.steps = training.steps * perEpoch
        s.training.batchSize = batch
        s.training.schedule.every = training.schedule.every * perEpoch
        s.traceEvery = traceEvery * perEpoch
        return s
    }

    /// Throws when a count is not positive or the training config is invalid.
    public func validate() throws {
        for (name, value, least) in [("heldOutCount", heldOutCount, 2), ("traceCount", traceCount, 2), ("traceEvery", traceEvery, 1)]
        where value < least {
            throw FlowCoreError.invalidArgument(name: name, value: "\(value)", reason: "must be ≥ \(least)")
        }
        guard !hiddenWidths.isEmpty, hiddenWidths.allSatisfy({ $0 >= 1 }) else {
            throw FlowCoreError.invalidArgument(name: "hiddenWidths", value: "\(hiddenWidths)", reason: "need ≥ 1 layer of width ≥ 1")
        }
        try training.validate()
    }
}
