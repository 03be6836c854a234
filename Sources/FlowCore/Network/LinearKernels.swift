/// Forward and backward of one dense layer y = W x + b over the rows of a tile, in two loop orders.
///
/// Wide layers (out ≥ in) use Wᵀ (in × out): y_n = b + Σ_i x_{n,i} Wᵀ_i, vectorised over the outputs.
/// Narrow layers use W (out × in): y_{n,o} = b_o + ⟨x_n, W_o⟩, a dot product over the inputs.
/// Backward: ∂L/∂W = Σ_n δ_n x_nᵀ, ∂L/∂b = Σ_n δ_n, ∂L/∂x_n = Wᵀ δ_n; the sums over the tile's rows
/// run inside `VectorKernels.combineRows`, so gradient accumulators are written once per tile.
enum LinearKernels {
    /// y (n × out) = x (n × in) · Wᵀ + b, and post = f(y) row by row when an activation is given
    /// (fused so that each row is still in L1 when the activation reads it).
    static func forward<T: FlowScalar>(x: UnsafePointer<T>, rows: Int, inCount: Int, outCount: Int,
                                       w: UnsafePointer<T>, wT: UnsafePointer<T>?, b: UnsafePointer<T>,
                                       y: UnsafeMutablePointer<T>, activation: Activation?, post: UnsafeMutablePointer<T>) {
        for n in 0..<rows {
            let xr = x + n &* inCount, yr = y + n &* outCount
            if let wT {
                VectorKernels.combineRows(into: yr, initial: b, cols: outCount, count: inCount, m: wT, mStride: outCount,
                                          coef: xr, coefStride: 1)
            } else {
                for o in 0..<outCount { yr[o] = b[o] + VectorKernels.dot(xr, w + o &* inCount, inCount) }
            }
            if let activation { ActivationKernels.forward(activation, pre: yr, post: post + n &* outCount, outCount) }
        }
    }

    /// Accumulates parameter gradients and (when `dx` is given) writes the input gradient.
    /// Wide layers accumulate ∂L/∂W in transposed form into `gWT` (in × out); narrow ones into `gW`.
    /// When `inputActivation` is given, x = f(xPre) was produced by that activation and dx is multiplied by
    /// f′(xPre) row by row (fused, while the row is in L1).
    static func backward<T: FlowScalar>(x: UnsafePointer<T>, dy: UnsafePointer<T>, rows: Int, inCount: Int, outCount: Int,
                                        w: UnsafePointer<T>, wT: UnsafePointer<T>?,
                                        gW: UnsafeMutablePointer<T>, gWT: UnsafeMutablePointer<T>?, gB: UnsafeMutablePointer<T>,
                                        dx: UnsafeMutablePointer<T>?, inputActivation: Activation?, xPre: UnsafePointer<T>) {
        VectorKernels.combineRows(into: gB, initial: gB, cols: outCount, count: rows, m: dy, mStride: outCount, coef: nil, coefStride: 0)
        if let wT, let gWT {
            for i in 0..<inCount {
                let g = gWT + i &* outCount
                VectorKernels.combineRows(into: g, initial: g, cols: outCount, count: rows, m: dy, mStride: outCount,
                                          coef: x + i, coefStride: inCount)
            }
            guard let dx else { return }
            for n in 0..<rows {
                let dyr = dy + n &* outCount, dxr = dx + n &* inCount
                for i in 0..<inCount { dxr[i] = VectorKernels.dot(dyr, wT + i &* outCount, outCount) }
                if let f = inputActivation {
                    ActivationKernels.backward(f, pre: xPre + n &* inCount, post: x + n &* inCount, grad: dxr, inCount)
                }
            }
        } else {
            var o = 0
            while o &+ 2 <= outCount {
                VectorKernels.accumulateRowPair(gW + o &* inCount, gW + (o &+ 1) &* inCount, cols: inCount, count: rows,
                                                m: x, mStride: inCount, coef: dy + o, coefStride: outCount)
                o &+= 2
            }
            if o < outCount {
                let g = gW + o &* inCount
                VectorKernels.combineRows(into: g, initial: g, cols: inCount, count: rows, m: x, mStride: inCount,
                                          coef: dy + o, coefStride: outCount)
            }
            guard let dx else { return }
            for n in 0..<rows {
                let dxr = dx + n &* inCount
                VectorKernels.combineRows(into: dxr, initial: nil, cols: inCount, count: outCount, m: w, mStride: inCount,
                                          coef: dy + n &* outCount, coefStride: 1)
                if let f = inputActivation {
                    ActivationKernels.backward(f, pre: xPre + n &* inCount, post: x + n &* inCount, grad: dxr, inCount)
                }
            }
        }
    }
}
