/// The shape of a fully connected network and where each layer's weights live in the flat parameter array.
///
/// Layer l maps width[l] → width[l+1] with weights W_l (out × in, row-major, PyTorch's layout)
/// followed by bias b_l; the flat array is [W_0, b_0, W_1, b_1, …]. Hidden layers apply the activation;
/// the last layer is linear.
struct MLPLayout: Sendable, Equatable {
    let widths: [Int]
    let activation: Activation
    let weightOffsets: [Int]
    let biasOffsets: [Int]
    let parameterCount: Int

    init(widths: [Int], activation: Activation) {
        self.widths = widths
        self.activation = activation
        var w: [Int] = [], b: [Int] = [], offset = 0
        for l in 0..<(widths.count - 1) {
            w.append(offset); offset += widths[l] * widths[l + 1]
            b.append(offset); offset += widths[l + 1]
        }
        weightOffsets = w
        biasOffsets = b
        parameterCount = offset
    }

    var layerCount: Int { widths.count - 1 }
    var inputCount: Int { widths[0] }
    var outputCount: Int { widths[widths.count - 1] }

    /// Whether layer l is "wide" (out ≥ in): its kernels then run over the output index and keep
    /// Wᵀ copies, so the inner loop is long and contiguous (1 → 256 layers); otherwise they run over
    /// the input index (256 → 2 layers).
    func isWide(_ l: Int) -> Bool { widths[l + 1] >= widths[l] }
}
