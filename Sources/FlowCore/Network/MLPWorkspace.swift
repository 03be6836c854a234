import FlowKernels

/// Preallocated buffers and the forward/backward passes of an MLP over tiles of at most `capacity` rows.
///
/// Nothing is allocated after `init`: callers copy inputs into `input`, call `forward`, read the
/// output from `output`, write ∂L/∂output into `outputGradient` and call `backward`.
/// Activations of the last forward pass are kept for the backward pass (same tile).
final class MLPWorkspace<T: FlowScalar> {
    let layout: MLPLayout
    let capacity: Int
    let input: ScalarBuffer<T>
    /// Pre-activations of layer l (rows × width[l+1]); the last one is the network output. Hidden layers have
    /// none (an empty buffer) when `activatesInPlace`.
    let pre: [ScalarBuffer<T>]
    /// Post-activations of hidden layer l (rows × width[l+1]); unused for the last layer.
    let post: [ScalarBuffer<T>]
    /// ∂L/∂pre of layer l; the last one is ∂L/∂output, written by the caller.
    let delta: [ScalarBuffer<T>]
    /// ∂L/∂input (rows × width[0]), filled by `backward(needInputGradient: true)`.
    let inputGradient: ScalarBuffer<T>
    /// Wᵀ copies of wide layers (nil for narrow ones).
    let transposed: [ScalarBuffer<T>?]
    /// Transposed weight-gradient accumulators of wide layers with fewer than `directGradientInputs` inputs
    /// (the 1 → H first layer); nil for the others, which accumulate ∂L/∂W in place in the flat gradient.
    let gradientTransposed: [ScalarBuffer<T>?]
    /// From this many inputs on, a wide layer's ∂L/∂W = Δᵀ·X runs as a product with ≥ 16 columns, straight
    /// into the gradient; below it, the product Xᵀ·Δ (outputs as columns) vectorises and is transposed once
    /// per step in `flushGradients`. Why: that transpose of the H × H layer was 1.75 % of a deep training
    /// step (perf, `deep-bench`). The gradient starts at 0 each step, so both give the same bits.
    static var directGradientInputs: Int { 16 }

    /// Hidden layers write z into `post` and overwrite it with f(z) there, unless the backward pass needs z
    /// itself (softplus′ = σ(z)): relu′ and leakyRelu′ read only z > 0 / z ≤ 0, which f(z) answers the same way
    /// (NaN included), and tanh′ reads f(z). One buffer per layer instead of two: the activation then rewrites
    /// rows the product just stored (still in L1) rather than filling a second buffer.
    let activatesInPlace: Bool

    static func activatesInPlace(_ layout: MLPLayout) -> Bool { layout.activation != .softplus }

    /// A 1 → H → 2 network with ReLU or leaky ReLU (every single-coupling stage's subnet) runs each direction as
    /// one pass (`OneHiddenLayerKernels`, same bits) instead of one per layer.
    let oneHiddenLayer: Bool
    /// `OneHiddenLayerKernels`' row blocks: 16 lanes wide where the register file holds them (AVX-512), else 8.
    /// Both give the same bits; tests run both on every target.
    var wideRowBlocks = RegisterFile.target.wideRowBlocks

    init(layout: MLPLayout, capacity: Int) {
        self.layout = layout
        self.capacity = capacity
        activatesInPlace = Self.activatesInPlace(layout)
        oneHiddenLayer = OneHiddenLayerKernels.handles(widths: layout.widths, activation: layout.activation.kernel,
                                                        activatesInPlace: activatesInPlace)
        let w = layout.widths
        input = ScalarBuffer(count: capacity * w[0])
        inputGradient = ScalarBuffer(count: capacity * w[0])
        let last = layout.layerCount - 1, inPlace = activatesInPlace
        pre = (0..<layout.layerCount).map { ScalarBuffer(count: $0 < last && inPlace ? 0 : capacity * w[$0 + 1]) }
        post = (0..<layout.layerCount).map { ScalarBuffer(count: capacity * w[$0 + 1]) }
        delta = (0..<layout.layerCount).map { ScalarBuffer(count: capacity * w[$0 + 1]) }
        transposed = (0..<layout.layerCount).map { layout.isWide($0) ? ScalarBuffer(count: w[$0] * w[$0 + 1]) : nil }
        gradientTransposed = (0..<layout.layerCount).map {
            layout.isWide($0) && w[$0] < Self.directGradientInputs ? ScalarBuffer(count: w[$0] * w[$0 + 1]) : nil
        }
    }

    var output: UnsafeMutablePointer<T> { pre[layout.layerCount - 1].pointer }
    var outputGradient: UnsafeMutablePointer<T> { delta[layout.layerCount - 1].pointer }

    /// Copies W into the Wᵀ buffers of wide layers; call after every parameter change.
    func refresh(parameters: UnsafePointer<T>) {
        for l in 0..<layout.layerCount {
            guard let wT = transposed[l]?.pointer else { continue }
            let inCount = layout.widths[l], outCount = layout.widths[l + 1], w = parameters + layout.weightOffsets[l]
            // Four rows of W at a time: each input i then writes 4 adjacent elements of Wᵀ's row i, and the four
            // rows are read side by side (a plain element loop stored with stride `outCount` at every step).
            var o = 0
            while o &+ 4 <= outCount {
                let w0 = w + o &* inCount, w1 = w0 + inCount, w2 = w1 + inCount, w3 = w2 + inCount
                for i in 0..<inCount {
                    let t = wT + (i &* outCount &+ o)
                    t[0] = w0[i]; t[1] = w1[i]; t[2] = w2[i]; t[3] = w3[i]
                }
                o &+= 4
            }
            while o < outCount { for i in 0..<inCount { wT[i &* outCount &+ o] = w[o &* inCount &+ i] }; o &+= 1 }
        }
    }

    /// The forward pass over `rows` rows of `input`; the result is in `output`.
    func forward(parameters: UnsafePointer<T>, rows: Int) {
        if oneHiddenLayer {
            // W₀ (H × 1) is its own column; the hidden rows go to post[0] (activated in place), as below.
            OneHiddenLayerKernels.forward(relu: layout.activation == .relu, p: input.pointer, rows: rows, width: layout.widths[1],
                                          w1: parameters + layout.weightOffsets[0], b1: parameters + layout.biasOffsets[0],
                                          w2: parameters + layout.weightOffsets[1], b2: parameters + layout.biasOffsets[1],
                                          hidden: post[0].pointer, output: output, wide: wideRowBlocks)
        } else {
            forwardByLayer(parameters: parameters, rows: rows)
        }
    }

    /// The forward pass one layer at a time (every shape; the reference for `OneHiddenLayerKernels`).
    func forwardByLayer(parameters: UnsafePointer<T>, rows: Int) {
        for l in 0..<layout.layerCount {
            let x = l == 0 ? input.pointer : post[l - 1].pointer
            let hidden = l < layout.layerCount - 1
            LinearKernels.forward(x: x, rows: rows, inCount: layout.widths[l], outCount: layout.widths[l + 1],
                                  w: parameters + layout.weightOffsets[l], wT: transposed[l]?.pointer,
                                  b: parameters + layout.biasOffsets[l], y: hidden && activatesInPlace ? post[l].pointer : pre[l].pointer,
                                  activation: hidden ? layout.activation.kernel : nil, post: post[l].pointer)
        }
    }

    /// Back-propagates `outputGradient`, accumulating ∂L/∂θ into `gradient` (flat, same layout as the
    /// parameters; wide layers accumulate privately until `flushGradients`).
    func backward(parameters: UnsafePointer<T>, gradient: UnsafeMutablePointer<T>, rows: Int, needInputGradient: Bool) {
        if oneHiddenLayer && !needInputGradient {
            // ∂L/∂b₂ (output bias) first, as `LinearKernels.backward` does; w₁'s gradient goes to W₀'s transposed accumulator.
            let gB2 = gradient + layout.biasOffsets[1]
            VectorKernels.combineRows(into: gB2, initial: gB2, cols: 2, count: rows, m: outputGradient, mStride: 2, coef: nil, coefStride: 0)
            OneHiddenLayerKernels.backward(relu: layout.activation == .relu, p: input.pointer, dy: outputGradient, rows: rows,
                                           width: layout.widths[1], w2: parameters + layout.weightOffsets[1], hidden: post[0].pointer,
                                           gW2: gradient + layout.weightOffsets[1], gB1: gradient + layout.biasOffsets[0],
                                           gW1: gradientTransposed[0]!.pointer, wide: wideRowBlocks)
        } else {
            backwardByLayer(parameters: parameters, gradient: gradient, rows: rows, needInputGradient: needInputGradient)
        }
    }

    /// The backward pass one layer at a time (every shape; the reference for `OneHiddenLayerKernels`).
    func backwardByLayer(parameters: UnsafePointer<T>, gradient: UnsafeMutablePointer<T>, rows: Int, needInputGradient: Bool) {
        for l in stride(from: layout.layerCount - 1, through: 0, by: -1) {
            let x = l == 0 ? input.pointer : post[l - 1].pointer
            let dx: UnsafeMutablePointer<T>? = l > 0 ? delta[l - 1].pointer : (needInputGradient ? inputGradient.pointer : nil)
            LinearKernels.backward(x: x, dy: delta[l].pointer, rows: rows, inCount: layout.widths[l], outCount: layout.widths[l + 1],
                                   w: parameters + layout.weightOffsets[l], wT: transposed[l]?.pointer,
                                   gW: gradient + layout.weightOffsets[l], gWT: gradientTransposed[l]?.pointer,
                                   gB: gradient + layout.biasOffsets[l], dx: dx,
                                   inputActivation: l > 0 ? layout.activation.kernel : nil, xPre: l == 0 ? x : (activatesInPlace ? post : pre)[l - 1].pointer)
        }
    }

    /// Adds the transposed accumulators of wide layers into `gradient` and clears them.
    func flushGradients(into gradient: UnsafeMutablePointer<T>) {
        for l in 0..<layout.layerCount {
            guard let gT = gradientTransposed[l] else { continue }
            let inCount = layout.widths[l], outCount = layout.widths[l + 1], g = gradient + layout.weightOffsets[l]
            for o in 0..<outCount { for i in 0..<inCount { g[o &* inCount &+ i] += gT.pointer[i &* outCount &+ o] } }
            gT.zero()
        }
    }
}
