import Foundation

/// Hyperparameters of Adam (Kingma & Ba 2015) with weight decay as `torch.optim.Adam` defines it.
///
/// Per step t, with gradient g and parameters θ:
/// g ← g + λθ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// θ ← θ − (η / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε).
public struct AdamConfig: Codable, Sendable, Equatable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: Double

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Throws unless η > 0, 0 ≤ β₁, β₂ < 1, ε > 0, λ ≥ 0 (all finite).
    public func validate() throws {
        func bad(_ name: String, _ v: Double, _ reason: String) -> FlowCoreError {
            FlowCoreError.invalidArgument(name: name, value: "\(v)", reason: reason)
        }
        guard learningRate.isFinite, learningRate > 0 else { throw bad("learningRate", learningRate, "must be finite and > 0") }
        guard beta1 >= 0, beta1 < 1 else { throw bad("beta1", beta1, "must be in [0, 1)") }
        guard beta2 >= 0, beta2 < 1 else { throw bad("beta2", beta2, "must be in [0, 1)") }
        guard epsilon.isFinite, epsilon > 0 else { throw bad("epsilon", epsilon, "must be finite and > 0") }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw bad("weightDecay", weightDecay, "must be finite and ≥ 0") }
    }
}

/// Step decay of the learning rate: η_t = η · γ^⌊t / k⌋ (PyTorch's `StepLR(step_size: k, gamma: γ)`, t counted from 0).
public struct StepDecay: Codable, Sendable, Equatable {
    public var gamma: Double
    public var every: Int

    /// γ = 1 means a constant learning rate.
    public init(gamma: Double = 1, every: Int = 1) {
        self.gamma = gamma
        self.every = every
    }

    /// Throws unless γ is finite and > 0 and k ≥ 1.
    public func validate() throws {
        guard gamma.isFinite, gamma > 0 else {
            throw FlowCoreError.invalidArgument(name: "gamma", value: "\(gamma)", reason: "must be finite and > 0")
        }
        guard every >= 1 else { throw FlowCoreError.invalidArgument(name: "every", value: "\(every)", reason: "must be ≥ 1") }
    }

    /// η · γ^⌊step / every⌋.
    public func learningRate(base: Double, step: Int) -> Double {
        base * pow(gamma, Double(step / every))
    }
}
