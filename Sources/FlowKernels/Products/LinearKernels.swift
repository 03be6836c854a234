/// Forward and backward of one dense layer y = W x + b over the rows of a tile, in two loop orders.
///
/// Wide layers (out ≥ in) keep Wᵀ (in × out) and compute Y = X · Wᵀ + b as a register-blocked product
/// (`GemmKernels`, 4 rows × 64 outputs per inner loop), vectorised over the outputs; their weight
/// gradient Xᵀ·Δ is blocked the same way. Narrow layers (H → 2) use W (out × in): y_{n,o} = b_o + ⟨x_n, W_o⟩.
/// Input gradients Δ·W with ≥ 16 inputs are blocked products for both kinds.
/// Activations (and their derivatives) run on each product as soon as it is finished (`Epilogue`).
/// Backward: ∂L/∂W = Σ_n δ_n x_nᵀ, ∂L/∂b = Σ_n δ_n, ∂L/∂x_n = Wᵀ δ_n; every sum over rows runs in row
/// order (also across tiles), so results do not depend on the tile size.
public enum LinearKernels {
    /// y (n × out) = x (n × in) · Wᵀ + b, and post = f(y) when an activation is given.
    @inlinable public static func forward<T: FlowScalar>(x: UnsafePointer<T>, rows: Int, inCount: Int, outCount: Int,
                                       w: UnsafePointer<T>, wT: UnsafePointer<T>?, b: UnsafePointer<T>,
                                       y: UnsafeMutablePointer<T>, activation: KernelActivation?, post: UnsafeMutablePointer<T>) {
        if let wT {
            // One blocked product for the tile; f(z) follows every 4 finished rows (`Epilogue`).
            GemmKernels.multiply(rows: rows, cols: outCount, depth: inCount, a: x, aRow: inCount, aCol: 1,
                                 b: wT, ldb: outCount, c: y, ldc: outCount, bias: b, accumulate: false,
                                 epilogue: .forward(activation, post: post))
            return
        }
        // Narrow (H → 2): dot products; pairs of outputs share each load of x, 4 rows at a time.
        if outCount == 2 {
            NarrowKernels.forwardPair(x: x, rows: rows, inCount: inCount, w: w, b: b, y: y)
            if let activation { ActivationKernels.forward(activation, pre: y, post: post, rows &* 2) }
            return
        }
        for n in 0..<rows {
            let xr = x + n &* inCount, yr = y + n &* outCount
            for o in 0..<outCount { yr[o] = b[o] + VectorKernels.dot(xr, w + o &* inCount, inCount) }
            if let activation { ActivationKernels.forward(activation, pre: yr, post: post + n &* outCount, outCount) }
        }
    }

    /// Accumulates parameter gradients and (when `dx` is given) writes the input gradient.
    /// Wide layers with a `gWT` accumulate ∂L/∂W in transposed form there (in × out); the others into `gW`.
    /// When `inputActivation` is given, x = f(xPre) was produced by that activation and dx is multiplied by
    /// f′(xPre); `xPre` may be x itself for activations whose derivative f(z) determines (`MLPWorkspace.activatesInPlace`).
    @inlinable public static func backward<T: FlowScalar>(x: UnsafePointer<T>, dy: UnsafePointer<T>, rows: Int, inCount: Int, outCount: Int,
                                        w: UnsafePointer<T>, wT: UnsafePointer<T>?,
                                        gW: UnsafeMutablePointer<T>, gWT: UnsafeMutablePointer<T>?, gB: UnsafeMutablePointer<T>,
                                        dx: UnsafeMutablePointer<T>?, inputActivation: KernelActivation?, xPre: UnsafePointer<T>) {
        VectorKernels.combineRows(into: gB, initial: gB, cols: outCount, count: rows, m: dy, mStride: outCount, coef: nil, coefStride: 0)
        if let wT {
            if let gWT {
                // ∂L/∂Wᵀ += Xᵀ · Δ over the tile: A = Xᵀ is X with its strides swapped (rows = inputs, blocked by 4).
                GemmKernels.multiply(rows: inCount, cols: outCount, depth: rows, a: x, aRow: 1, aCol: inCount,
                                     b: dy, ldb: outCount, c: gWT, ldc: outCount, bias: nil, accumulate: true)
            } else {
                // ∂L/∂W += Δᵀ · X straight into the flat gradient (out × in): the same product with the roles of X
                // and Δ swapped, each element summed over the rows in the same order.
                GemmKernels.multiply(rows: outCount, cols: inCount, depth: rows, a: dy, aRow: 1, aCol: outCount,
                                     b: x, ldb: inCount, c: gW, ldc: inCount, bias: nil, accumulate: true)
            }
            guard let dx else { return }
            if inCount < 16 {
                // Few inputs (the 1 → H first layer): a dot product per input over the long output row.
                var n = 0
                if inCount == 1 {
                    // One input: 16 rows' dot products at once, so that their horizontal sums share vector adds
                    // (`horizontalSums16`, same bits as `dot`); then each row's scalar tail, as in `dot`.
                    let tail = outCount / 16 &* 16
                    withUnsafeTemporaryAllocation(of: SIMD16<T>.self, capacity: 16) { buffer in
                        let acc = buffer.baseAddress!
                        while n &+ 16 <= rows {
                            let d = dy + n &* outCount
                            for i in 0..<16 { acc[VectorKernels.sumSlot(i)] = VectorKernels.dotAccumulator(d + i &* outCount, wT, outCount) }
                            VectorKernels.store(VectorKernels.horizontalSums16(acc), dx, n)
                            if tail < outCount {
                                for r in n..<(n &+ 16) {
                                    var s = dx[r], k = tail
                                    while k < outCount { s += dy[r &* outCount &+ k] * wT[k]; k &+= 1 }
                                    dx[r] = s
                                }
                            }
                            if let f = inputActivation {
                                ActivationKernels.backward(f, pre: xPre + n, post: x + n, grad: dx + n, 16)
                            }
                            n &+= 16
                        }
                    }
                }
                while n < rows {
                    let dyr = dy + n &* outCount, dxr = dx + n &* inCount
                    for i in 0..<inCount { dxr[i] = VectorKernels.dot(dyr, wT + i &* outCount, outCount) }
                    if let f = inputActivation {
                        ActivationKernels.backward(f, pre: xPre + n &* inCount, post: x + n &* inCount, grad: dxr, inCount)
                    }
                    n &+= 1
                }
                return
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
            guard dx != nil else { return }
        }
        inputGradient(dy: dy, rows: rows, inCount: inCount, outCount: outCount, w: w, dx: dx!,
                      inputActivation: inputActivation, x: x, xPre: xPre)
    }

    /// ∂L/∂X = (Δ · W) ⊙ f′(X_pre): W is out × in, row-major, so its rows are the B rows of the product.
    @inlinable public static func inputGradient<T: FlowScalar>(dy: UnsafePointer<T>, rows: Int, inCount: Int, outCount: Int, w: UnsafePointer<T>,
                                             dx: UnsafeMutablePointer<T>, inputActivation: KernelActivation?,
                                             x: UnsafePointer<T>, xPre: UnsafePointer<T>) {
        GemmKernels.multiply(rows: rows, cols: inCount, depth: outCount, a: dy, aRow: outCount, aCol: 1,
                             b: w, ldb: inCount, c: dx, ldc: inCount, bias: nil, accumulate: false,
                             epilogue: .backward(inputActivation, pre: xPre, post: x))
    }
}
