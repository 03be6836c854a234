/// The activations the kernels apply (FlowCore's `Activation`, by name): relu max(0, z); tanh; leakyRelu z for
/// z > 0, `leakySlope`·z otherwise; softplus log(1 + eᶻ), evaluated as max(z, 0) + log1p(e^{−|z|}).
public enum KernelActivation: String, CaseIterable, Sendable {
    case relu, tanh, leakyRelu, softplus

    /// Slope of leakyRelu for negative inputs (PyTorch's default).
    public static let leakySlope = 0.01
}

/// Forward and backward of the activations over rows of a tile; `pre` is the pre-activation z,
/// `post` the output f(z). The derivative sits beside its forward.
public enum ActivationKernels {
    /// post[k] = f(pre[k]) for k < n.
    @inlinable public static func forward<T: FlowScalar>(_ act: KernelActivation, pre: UnsafePointer<T>, post: UnsafeMutablePointer<T>, _ n: Int) {
        switch act {
        case .relu:
            // A plain select loop: LLVM vectorizes it (SIMD-mask comparisons in Swift lower lane by lane).
            // 16 lanes through the concrete types' `relu16` (LLVM's own vectorisation of the plain loop
            // picks 8-lane vectors on this CPU); same select, same bits.
            var k = 0
            while k &+ 16 <= n { VectorKernels.store(T.relu16(VectorKernels.load(pre, k)), post, k); k &+= 16 }
            while k < n { let z = pre[k]; post[k] = z > 0 ? z : 0; k &+= 1 }
        case .leakyRelu:
            // 16 lanes at a time: `pre` and `post` are the same buffer when the layer activates in place, which
            // kept LLVM from vectorising the plain loop (measured: 36 % of Fig. 1's time in this scalar loop).
            let slope = T(KernelActivation.leakySlope)
            var k = 0
            while k &+ 16 <= n { VectorKernels.store(T.leakyRelu16(VectorKernels.load(pre, k), slope: slope), post, k); k &+= 16 }
            while k < n { post[k] = pre[k] > 0 ? pre[k] : slope * pre[k]; k &+= 1 }
        case .tanh:
            for k in 0..<n { post[k] = T.tanh(pre[k]) }
        case .softplus:
            for k in 0..<n { post[k] = max(pre[k], 0) + T.log1p(T.exp(-abs(pre[k]))) }
        }
    }

    /// grad[k] ← grad[k] · f′(pre[k]): relu′ = 1[z > 0], leaky′ = 1 or 0.01, tanh′ = 1 − f², softplus′ = σ(z).
    @inlinable public static func backward<T: FlowScalar>(_ act: KernelActivation, pre: UnsafePointer<T>, post: UnsafePointer<T>,
                                        grad: UnsafeMutablePointer<T>, _ n: Int) {
        switch act {
        case .relu:
            var k = 0
            while k &+ 16 <= n {
                VectorKernels.store(T.reluBackward16(VectorKernels.load(UnsafePointer(grad), k), pre: VectorKernels.load(pre, k)), grad, k)
                k &+= 16
            }
            while k < n { grad[k] = pre[k] > 0 ? grad[k] : 0; k &+= 1 }
        case .leakyRelu:
            let slope = T(KernelActivation.leakySlope)
            var k = 0
            while k &+ 16 <= n {
                VectorKernels.store(T.leakyReluBackward16(VectorKernels.load(UnsafePointer(grad), k), pre: VectorKernels.load(pre, k), slope: slope), grad, k)
                k &+= 16
            }
            while k < n { if pre[k] <= 0 { grad[k] *= slope }; k &+= 1 }
        case .tanh:
            for k in 0..<n { grad[k] *= 1 - post[k] * post[k] }
        case .softplus:
            for k in 0..<n { grad[k] *= 1 / (1 + T.exp(-pre[k])) }
        }
    }
}
