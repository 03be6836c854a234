extension VectorKernels {
    /// Two `combineRows` accumulations that share the rows of m, read once:
    /// d₀[c] += Σ_k coef[k·s] · m[k·mStride + c] and d₁[c] += Σ_k coef[k·s + 1] · m[k·mStride + c].
    ///
    /// Used for the weight gradient of narrow layers (out = 2 for a 2D coupling's s and t), where it
    /// halves the reads of the tile's hidden activations.
    @inline(__always)
    @inlinable public static func accumulateRowPair<T: FlowScalar>(_ d0: UnsafeMutablePointer<T>, _ d1: UnsafeMutablePointer<T>, cols: Int, count: Int,
                                                 m: UnsafePointer<T>, mStride: Int, coef: UnsafePointer<T>, coefStride: Int,
                                                 wide: Bool = RegisterFile.target.wideRowBlocks) {
        var c = 0
        // 64 columns at once where 32 registers hold them (`wide`): 8 independent FMA chains of 16 lanes (4 were
        // latency-bound at H = 64); on AVX2 they and their operands took 24 of 16 ymm registers, and the 32-column
        // blocks below (8 ymm chains) run instead. Each element still sums its k terms in order with one
        // accumulator, so the blocking does not change the bits.
        while wide && c &+ 64 <= cols {
            var a0 = load(UnsafePointer(d0), c), a1 = load(UnsafePointer(d0), c &+ 16)
            var a2 = load(UnsafePointer(d0), c &+ 32), a3 = load(UnsafePointer(d0), c &+ 48)
            var b0 = load(UnsafePointer(d1), c), b1 = load(UnsafePointer(d1), c &+ 16)
            var b2 = load(UnsafePointer(d1), c &+ 32), b3 = load(UnsafePointer(d1), c &+ 48)
            for k in 0..<count {
                let row = m + (k &* mStride &+ c)
                let x0 = load(row, 0), x1 = load(row, 16), x2 = load(row, 32), x3 = load(row, 48)
                let w0 = SIMD16<T>(repeating: coef[k &* coefStride]), w1 = SIMD16<T>(repeating: coef[k &* coefStride &+ 1])
                a0 = a0.addingProduct(w0, x0); a1 = a1.addingProduct(w0, x1)
                a2 = a2.addingProduct(w0, x2); a3 = a3.addingProduct(w0, x3)
                b0 = b0.addingProduct(w1, x0); b1 = b1.addingProduct(w1, x1)
                b2 = b2.addingProduct(w1, x2); b3 = b3.addingProduct(w1, x3)
            }
            store(a0, d0, c); store(a1, d0, c &+ 16); store(a2, d0, c &+ 32); store(a3, d0, c &+ 48)
            store(b0, d1, c); store(b1, d1, c &+ 16); store(b2, d1, c &+ 32); store(b3, d1, c &+ 48)
            c &+= 64
        }
        while c &+ 32 <= cols {
            var a0 = load(UnsafePointer(d0), c), a1 = load(UnsafePointer(d0), c &+ 16)
            var b0 = load(UnsafePointer(d1), c), b1 = load(UnsafePointer(d1), c &+ 16)
            for k in 0..<count {
                let row = m + (k &* mStride &+ c)
                let x0 = load(row, 0), x1 = load(row, 16)
                let w0 = SIMD16<T>(repeating: coef[k &* coefStride]), w1 = SIMD16<T>(repeating: coef[k &* coefStride &+ 1])
                a0 = a0.addingProduct(w0, x0); a1 = a1.addingProduct(w0, x1)
                b0 = b0.addingProduct(w1, x0); b1 = b1.addingProduct(w1, x1)
            }
            store(a0, d0, c); store(a1, d0, c &+ 16); store(b0, d1, c); store(b1, d1, c &+ 16)
            c &+= 32
        }
        while c < cols {
            var a = d0[c], b = d1[c]
            for k in 0..<count {
                let v = m[k &* mStride &+ c]
                a += coef[k &* coefStride] * v
                b += coef[k &* coefStride &+ 1] * v
            }
            d0[c] = a; d1[c] = b
            c &+= 1
        }
    }
}
