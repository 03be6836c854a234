extension VectorKernels {
    /// Two `combineRows` accumulations that share the rows of m, read once:
    /// d₀[c] += Σ_k coef[k·s] · m[k·mStride + c] and d₁[c] += Σ_k coef[k·s + 1] · m[k·mStride + c].
    ///
    /// Used for the weight gradient of narrow layers (out = 2 for a 2D coupling's s and t), where it
    /// halves the reads of the tile's hidden activations.
    @inline(__always)
    static func accumulateRowPair<T: FlowScalar>(_ d0: UnsafeMutablePointer<T>, _ d1: UnsafeMutablePointer<T>, cols: Int, count: Int,
                                                 m: UnsafePointer<T>, mStride: Int, coef: UnsafePointer<T>, coefStride: Int) {
        var c = 0
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
