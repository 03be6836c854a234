/// The subnet of every single-coupling stage, 1 → H → 2 with ReLU or leaky ReLU, as one pass per direction
/// instead of one per layer.
///
/// Why: at one input and two outputs every layer is one or two FMAs per hidden unit, so the layer-by-layer
/// passes (`LinearKernels`) spent their time storing and re-reading the hidden rows: the backward pass wrote
/// ∂L/∂z (rows × H) and read it back twice (bias and weight gradient of the first layer), and read the hidden
/// activations once more for the second layer's weight gradient. Here each 16 hidden units of a row go through
/// all of that while in registers: the forward pass computes h = f(b₁ + p·w₁), stores it (the backward pass reads
/// it) and adds it into both outputs; the backward pass reads h once.
///
/// Same bits as the layer-by-layer passes (`OneHiddenLayerKernelsTests`): every value is made by the same
/// operations in the same order — z by one FMA from the bias, the outputs by `NarrowKernels.forwardPair`'s
/// chunked accumulators and horizontal sums (one output at a time), ∂L/∂h by two FMAs from 0, and every parameter gradient summed over
/// the rows in row order with one FMA (or add) per row, continuing from its value before the tile.
public enum OneHiddenLayerKernels {
    public typealias V<T: FlowScalar> = SIMD16<T>

    /// Whether a network of these layer widths and hidden activation has this shape, with the buffers this pass
    /// expects (the hidden layer activated in place). H must be a multiple of 32: `accumulateRowPair` sums W₂'s
    /// gradient with vector FMAs only in blocks of 32 columns and with a scalar multiply and add (two roundings)
    /// in a tail of 16, which this pass does not reproduce.
    @inlinable public static func handles(widths w: [Int], activation: KernelActivation, activatesInPlace: Bool) -> Bool {
        guard w.count == 3, w[0] == 1, w[2] == 2, w[1] >= 32, w[1] & 31 == 0, activatesInPlace else { return false }
        return activation == .relu || activation == .leakyRelu
    }

    /// h = f(b₁ + p·w₁) into `hidden` (rows × H) and y = b₂ + W₂·h into `output` (rows × 2).
    /// `w1` is the first layer's weight column (H values), `w2` the second layer's rows (2 × H).
    /// `wide`: 4-row blocks of 16 lanes (AVX-512); otherwise 2-row blocks of 8 lanes (AVX2, NEON: `forwardRowsNarrow`).
    @inline(never)
    @inlinable public static func forward<T: FlowScalar>(relu: Bool, p: UnsafePointer<T>, rows: Int, width n: Int, w1: UnsafePointer<T>,
                                       b1: UnsafePointer<T>, w2: UnsafePointer<T>, b2: UnsafePointer<T>,
                                       hidden: UnsafeMutablePointer<T>, output: UnsafeMutablePointer<T>,
                                       wide: Bool = RegisterFile.target.wideRowBlocks) {
        switch (relu, wide) {
        case (true, true): forwardRows(ReluUnits.self, p, rows, n, w1, b1, w2, b2, hidden, output)
        case (false, true): forwardRows(LeakyUnits.self, p, rows, n, w1, b1, w2, b2, hidden, output)
        case (true, false): forwardRowsNarrow(ReluUnits.self, p, rows, n, w1, b1, w2, b2, hidden, output)
        case (false, false): forwardRowsNarrow(LeakyUnits.self, p, rows, n, w1, b1, w2, b2, hidden, output)
        }
    }

    /// Blocks of 4 rows, then single rows, each output closed by `horizontalSum` and the bias: the bits of
    /// `forwardPair` without a scalar tail (its 8-row blocks with `horizontalSums16` give the same bits).
    /// Not 8 rows: 16 accumulators, 8 broadcasts and the operands spilled, and LLVM left the vector loads as calls.
    @inline(__always)
    @inlinable public static func forwardRows<T: FlowScalar, S: HiddenUnits>(_: S.Type, _ p: UnsafePointer<T>, _ rows: Int, _ n: Int,
                                                           _ w1: UnsafePointer<T>, _ b1: UnsafePointer<T>,
                                                           _ w2: UnsafePointer<T>, _ b2: UnsafePointer<T>,
                                                           _ hidden: UnsafeMutablePointer<T>, _ output: UnsafeMutablePointer<T>) {
        let u0 = w2, u1 = w2 + n
        var r = 0
        while r &+ 4 <= rows {
            let h0 = hidden + r &* n, h1 = h0 + n, h2 = h1 + n, h3 = h2 + n
            var a00 = V<T>(), a01 = V<T>(), a10 = V<T>(), a11 = V<T>(), a20 = V<T>(), a21 = V<T>(), a30 = V<T>(), a31 = V<T>()
            var k = 0
            while k < n {
                let w = VectorKernels.load(w1, k), b = VectorKernels.load(b1, k)
                let u = VectorKernels.load(u0, k), v = VectorKernels.load(u1, k)
                var h = unit(S.self, b, V<T>(repeating: p[r]), w, h0, k); a00 = a00.addingProduct(h, u); a01 = a01.addingProduct(h, v)
                h = unit(S.self, b, V<T>(repeating: p[r &+ 1]), w, h1, k); a10 = a10.addingProduct(h, u); a11 = a11.addingProduct(h, v)
                h = unit(S.self, b, V<T>(repeating: p[r &+ 2]), w, h2, k); a20 = a20.addingProduct(h, u); a21 = a21.addingProduct(h, v)
                h = unit(S.self, b, V<T>(repeating: p[r &+ 3]), w, h3, k); a30 = a30.addingProduct(h, u); a31 = a31.addingProduct(h, v)
                k &+= 16
            }
            close(a00, a01, b2, output + r &* 2); close(a10, a11, b2, output + (r &+ 1) &* 2)
            close(a20, a21, b2, output + (r &+ 2) &* 2); close(a30, a31, b2, output + (r &+ 3) &* 2)
            r &+= 4
        }
        while r < rows {
            let hr = hidden + r &* n, x = V<T>(repeating: p[r])
            var a0 = V<T>(), a1 = V<T>()
            var k = 0
            while k < n {
                let h = unit(S.self, VectorKernels.load(b1, k), x, VectorKernels.load(w1, k), hr, k)
                a0 = a0.addingProduct(h, VectorKernels.load(u0, k)); a1 = a1.addingProduct(h, VectorKernels.load(u1, k))
                k &+= 16
            }
            close(a0, a1, b2, output + r &* 2)
            r &+= 1
        }
    }

    /// y = b₂ + the accumulators' horizontal sums (`NarrowKernels.finish` without a tail).
    @inline(__always)
    @inlinable public static func close<T: FlowScalar>(_ a0: V<T>, _ a1: V<T>, _ b2: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>) {
        y[0] = b2[0] + VectorKernels.horizontalSum(a0)
        y[1] = b2[1] + VectorKernels.horizontalSum(a1)
    }

    /// 16 (or 8) hidden units of one row: z = b + x·w (the shallow product's bias start and FMA), stored as f(z),
    /// returned.
    @inline(__always)
    @inlinable public static func unit<L: LaneVector, S: HiddenUnits>(_: S.Type, _ b: L, _ x: L, _ w: L,
                                                    _ row: UnsafeMutablePointer<L.Scalar>, _ k: Int) -> L {
        let h = S.value(b.addingProduct(x, w))
        h.store(row, k)
        return h
    }
}

/// The hidden activation of `OneHiddenLayerKernels`: the lane selects of the layer-by-layer kernels (`relu16`,
/// `reluBackward16`, `leakyRelu16`, `leakyReluBackward16`, lane for lane in 8 or 16 lanes: `LaneVector`);
/// f′ reads f(z), which answers z > 0 as z does.
public protocol HiddenUnits {
    static func value<V: LaneVector>(_ z: V) -> V
    static func gradient<V: LaneVector>(_ g: V, pre: V) -> V
}

public enum ReluUnits: HiddenUnits {
    @inlinable @inline(__always) public static func value<V: LaneVector>(_ z: V) -> V { V.relu(z) }
    @inlinable @inline(__always) public static func gradient<V: LaneVector>(_ g: V, pre: V) -> V { V.reluBackward(g, pre: pre) }
}

public enum LeakyUnits: HiddenUnits {
    @inlinable @inline(__always) public static func value<V: LaneVector>(_ z: V) -> V { V.leakyRelu(z, slope: V.Scalar(KernelActivation.leakySlope)) }
    @inlinable @inline(__always) public static func gradient<V: LaneVector>(_ g: V, pre: V) -> V {
        V.leakyReluBackward(g, pre: pre, slope: V.Scalar(KernelActivation.leakySlope))
    }
}
