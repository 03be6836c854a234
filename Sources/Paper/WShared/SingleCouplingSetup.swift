import FlowCore

/// How Examples 1–3 train one affine coupling at Q = I: network, soft clamp, optimizer, held-out sets.
///
/// The paper's protocol (Example 1): one hidden layer of width 256, Adam with η = 0.1, ×0.9 every
/// 100 steps, weight decay 0, 4096 steps of 4096 fresh samples. The paper uses plain e^{s}; we bound
/// the log-scale softly, s = c·(2/π)·atan(s_raw / c) with c = 2 (FrEIA's default clamp), because plain
/// e^{s} with η = 0.1 blows up in the first steps (measured: loss ≈ 16 after 4096 steps). The clamp is a
/// bijection onto (−2, 2), which contains the optimal s*(p) = −log σ(p) ∈ [log 2, log 4] (Eq. 9), so
/// Lemma 1's minimiser is still reachable.
public struct SingleCouplingSetup: Codable, Sendable, Equatable {
    /// Hidden widths of the subnet p ↦ (s_raw, t).
    public var hiddenWidths: [Int]
    /// Soft clamp of s (see the type's documentation).
    public var clamp: SoftClamp
    /// Steps, batch size, Adam and learning-rate schedule.
    public var training: TrainingConfig
    /// Held-out samples for the final ML loss (Theorem 1 check), at least 2^16 in the paper profile.
    public var heldOutCount: Int
    /// Held-out samples for the loss trace evaluated during training.
    public var traceCount: Int
    /// Evaluate the trace every this many steps (and before the first and after the last step).
    public var traceEvery: Int

    public init(hiddenWidths: [Int] = [256], clamp: SoftClamp = .atan(2), training: TrainingConfig = .paperExample1,
                heldOutCount: Int = 1 << 16, traceCount: Int = 1 << 14, traceEvery: Int = 64) {
        self.hiddenWidths = hiddenWidths
        self.clamp = clamp
        self.training = training
        self.heldOutCount = heldOutCount
        self.traceCount = traceCount
        self.traceEvery = traceEvery
    }

    /// The paper's Example 1 protocol with the soft clamp stated above.
    public static let paper = SingleCouplingSetup()

    /// A small run for tests and CI: 1024 steps of 2048 samples, η = 0.01 decayed ×0.9 every 50 steps.
    /// Short runs at the paper's η = 0.1 were seen to stall at a loss ≈ 0.43 (about 0.26 above the
    /// minimum) for some seeds; at η = 0.01 none of our trial seeds stalled.
    public static let fast = SingleCouplingSetup(
        training: TrainingConfig(steps: 1024, batchSize: 2048, adam: AdamConfig(learningRate: 0.01),
                                 schedule: StepDecay(gamma: 0.9, every: 50)),
        heldOutCount: 1 << 16, traceCount: 1 << 12, traceEvery: 32)

    /// Throws when a count is not positive (the training config validates itself when used).
    public func validate() throws {
        for (name, value) in [("heldOutCount", heldOutCount), ("traceCount", traceCount), ("traceEvery", traceEvery)]
        where value < 1 {
            throw FlowCoreError.invalidArgument(name: name, value: "\(value)", reason: "must be ≥ 1")
        }
        try training.validate()
    }
}
