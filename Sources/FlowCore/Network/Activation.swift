import FlowKernels

/// The hidden-layer nonlinearity of the subnet MLP.
///
/// relu: max(0, z); tanh; leakyRelu: z for z > 0, 0.01·z otherwise (PyTorch's default slope);
/// softplus: log(1 + eᶻ), evaluated as max(z, 0) + log1p(e^{−|z|}) to avoid overflow.
public enum Activation: String, Codable, CaseIterable, Sendable {
    case relu, tanh, leakyRelu, softplus

    /// Slope of leakyRelu for negative inputs.
    static var leakySlope: Double { KernelActivation.leakySlope }

    /// The kernels' name for this activation.
    var kernel: KernelActivation {
        switch self {
        case .relu: return .relu
        case .tanh: return .tanh
        case .leakyRelu: return .leakyRelu
        case .softplus: return .softplus
        }
    }
}
