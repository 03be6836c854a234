import FlowCore

/// One training setup of the Example 1 ablation: how it differs from the shared single-layer protocol.
public struct AblationVariant: Codable, Sendable, Equatable {
    /// Key in metric and check names, e.g. `atan2`.
    public var key: String
    /// Label in figures and tables.
    public var label: String
    public var activation: Activation
    public var clamp: SoftClamp
    public var learningRate: Double
    public var zeroOutputLayer: Bool
    /// Independent trainings (seeds 1…seeds of the stage's generator splits).
    public var seeds: Int
    /// True for the paper's exact setup (ReLU, plain e^{s}, η = 0.1): its checks are claims of the paper.
    public var isPaperSetup: Bool

    /// `base` with this variant's activation, clamp, learning rate and output-layer initialisation.
    public func settings(from base: SingleCouplingSettings) -> SingleCouplingSettings {
        var s = base
        s.activation = activation
        s.clamp = clamp
        s.training.adam.learningRate = learningRate
        s.zeroOutputLayer = zeroOutputLayer
        return s
    }

    /// The report's setup (LeakyReLU, atan clamp c = 2, η = 0.1), the two other clamps, no clamp at a
    /// smaller η, and the paper's exact setup with zero- and default-initialised output layer.
    public static func standard(clampSeeds: Int, paperSeeds: Int) -> [AblationVariant] {
        [
            AblationVariant(key: "atan2", label: "atan, c = 2 (report)", activation: .leakyRelu, clamp: .atan(2),
                            learningRate: 0.1, zeroOutputLayer: false, seeds: clampSeeds, isPaperSetup: false),
            AblationVariant(key: "atan4", label: "atan, c = 4", activation: .leakyRelu, clamp: .atan(4),
                            learningRate: 0.1, zeroOutputLayer: false, seeds: clampSeeds, isPaperSetup: false),
            AblationVariant(key: "tanh2", label: "tanh, c = 2", activation: .leakyRelu, clamp: .tanh(2),
                            learningRate: 0.1, zeroOutputLayer: false, seeds: clampSeeds, isPaperSetup: false),
            AblationVariant(key: "none_lr001", label: "no clamp, η = 0.01", activation: .leakyRelu, clamp: .none,
                            learningRate: 0.01, zeroOutputLayer: false, seeds: clampSeeds, isPaperSetup: false),
            AblationVariant(key: "paper_zero_init", label: "paper: ReLU, e^s, η = 0.1, zero init", activation: .relu, clamp: .none,
                            learningRate: 0.1, zeroOutputLayer: true, seeds: paperSeeds, isPaperSetup: true),
            AblationVariant(key: "paper_default_init", label: "paper: ReLU, e^s, η = 0.1, default init", activation: .relu,
                            clamp: .none, learningRate: 0.1, zeroOutputLayer: false, seeds: paperSeeds, isPaperSetup: true),
        ]
    }
}
