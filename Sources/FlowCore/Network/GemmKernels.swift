/// Register-blocked matrix products for dense layers whose output side is wide (≥ 16 columns).
///
/// C[r, c] = start + Σ_k A[r, k] · B[k, c] for r < rows, c < cols, k < depth, where
/// A[r, k] = a[r·aRow + k·aCol] (so Aᵀ is free: swap the strides), B[k, c] = b[k·ldb + c] and
/// C[r, c] = c[r·ldc + c]; start is C's old value (`accumulate`), a bias row (`bias`) or 0.
///
/// Why blocked: the per-row kernel (`VectorKernels.combineRows`) loads 4 vectors of B for 4 FMAs,
/// so it is bound by loads at about a quarter of the FMA peak. Here 4 rows of A share each loaded
/// B vector: per k, 4 B vectors + 4 broadcasts feed 16 FMAs into 16 independent SIMD16 accumulators
/// (16 of the 32 AVX-512 registers), enough to hide the FMA latency on two pipes.
/// Not taller: a 6 × 64 kernel (24 accumulators, each B vector feeding 6 FMAs) was measured and made the
/// deep training step 3–4 % slower. This loop is FMA-bound, not load-bound (per k: 8 loads on 2–3 load
/// ports vs 16 FMAs on 2 pipes), and the product already runs at ≈ 80–90 % of the FMA rate a plain
/// 24-chain FMA loop reaches on the same machine, so fewer loads per FMA have little to win.
/// Every output element sums its k terms in increasing k with one accumulator, so results do not
/// depend on the blocking (remainder rows and columns give the same bits as blocked ones).
enum GemmKernels {
    typealias V<T: FlowScalar> = SIMD16<T>

    // Never inlined: the micro-kernel's register allocation (16 accumulators + 4 operands of 32 registers)
    // must not depend on the caller's code.
    @inline(never)
    static func multiply<T: FlowScalar>(rows: Int, cols: Int, depth: Int,
                                        a: UnsafePointer<T>, aRow: Int, aCol: Int,
                                        b: UnsafePointer<T>, ldb: Int,
                                        c: UnsafeMutablePointer<T>, ldc: Int,
                                        bias: UnsafePointer<T>?, accumulate: Bool, epilogue: Epilogue<T> = .none) {
        let e = epilogue
        if ShallowProductKernels.handles(depth: depth, cols: cols, epilogue: e) {
            ShallowProductKernels.multiply(rows: rows, cols: cols, depth: depth, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb,
                                           c: c, ldc: ldc, bias: bias, accumulate: accumulate, epilogue: e)
            return
        }
        var r = 0
        while r &+ 4 <= rows {
            let ar = a + r &* aRow, cr = c + r &* ldc
            var col = 0
            while col &+ 64 <= cols {
                block4x64(depth: depth, a: ar, aRow: aRow, aCol: aCol, b: b + col, ldb: ldb, c: cr + col, ldc: ldc,
                          bias: bias.map { $0 + col }, accumulate: accumulate)
                col &+= 64
            }
            while col &+ 16 <= cols {
                for i in 0..<4 {
                    block1x16(depth: depth, a: ar + i &* aRow, aCol: aCol, b: b + col, ldb: ldb, c: cr + i &* ldc + col,
                              bias: bias.map { $0 + col }, accumulate: accumulate)
                }
                col &+= 16
            }
            for i in 0..<4 where col < cols {
                scalarTail(cols: col..<cols, depth: depth, a: ar + i &* aRow, aCol: aCol, b: b, ldb: ldb, c: cr + i &* ldc,
                           bias: bias, accumulate: accumulate)
            }
            r &+= 4
        }
        // Remainder rows (tile sizes not a multiple of 4, and the 1-row ∂W of a 1 → H layer): one row at a
        // time, same summation order; 64 columns at once so that 4 FMA chains run side by side.
        while r < rows {
            let ar = a + r &* aRow, cr = c + r &* ldc
            var col = 0
            while col &+ 64 <= cols {
                block1x64(depth: depth, a: ar, aCol: aCol, b: b + col, ldb: ldb, c: cr + col,
                          bias: bias.map { $0 + col }, accumulate: accumulate)
                col &+= 64
            }
            while col &+ 16 <= cols {
                block1x16(depth: depth, a: ar, aCol: aCol, b: b + col, ldb: ldb, c: cr + col,
                          bias: bias.map { $0 + col }, accumulate: accumulate)
                col &+= 16
            }
            if col < cols {
                scalarTail(cols: col..<cols, depth: depth, a: ar, aCol: aCol, b: b, ldb: ldb, c: cr, bias: bias, accumulate: accumulate)
            }
            r &+= 1
        }
        // The activation over the whole finished product in one call: a training tile (32 × 64 Floats, 8 KiB) is
        // still in L1, and one long loop costs less than a call per 4 rows (measured: forward and backward
        // activations 3–4 % of a deep step each with the per-4-row calls).
        e.apply(c, rows: 0..<rows, cols: cols, ldc: ldc)
    }

    @inline(__always)
    static func start<T: FlowScalar>(_ c: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>?, _ accumulate: Bool, _ k: Int) -> V<T> {
        if accumulate { return VectorKernels.load(UnsafePointer(c), k) }
        if let bias { return VectorKernels.load(bias, k) }
        return V<T>()
    }

    /// The 4 × 64 micro-kernel: 16 accumulators, one pass over k.
    @inline(__always)
    static func block4x64<T: FlowScalar>(depth: Int, a: UnsafePointer<T>, aRow: Int, aCol: Int,
                                         b: UnsafePointer<T>, ldb: Int, c: UnsafeMutablePointer<T>, ldc: Int,
                                         bias: UnsafePointer<T>?, accumulate: Bool) {
        let c0 = c, c1 = c + ldc, c2 = c + 2 &* ldc, c3 = c + 3 &* ldc
        var s00 = start(c0, bias, accumulate, 0), s01 = start(c0, bias, accumulate, 16)
        var s02 = start(c0, bias, accumulate, 32), s03 = start(c0, bias, accumulate, 48)
        var s10 = start(c1, bias, accumulate, 0), s11 = start(c1, bias, accumulate, 16)
        var s12 = start(c1, bias, accumulate, 32), s13 = start(c1, bias, accumulate, 48)
        var s20 = start(c2, bias, accumulate, 0), s21 = start(c2, bias, accumulate, 16)
        var s22 = start(c2, bias, accumulate, 32), s23 = start(c2, bias, accumulate, 48)
        var s30 = start(c3, bias, accumulate, 0), s31 = start(c3, bias, accumulate, 16)
        var s32 = start(c3, bias, accumulate, 32), s33 = start(c3, bias, accumulate, 48)
        var pa = a, pb = b
        let a1 = aRow, a2 = 2 &* aRow, a3 = 3 &* aRow
        for _ in 0..<depth {
            let b0 = VectorKernels.load(pb, 0), b1 = VectorKernels.load(pb, 16)
            let b2 = VectorKernels.load(pb, 32), b3 = VectorKernels.load(pb, 48)
            let x0 = V<T>(repeating: pa[0])
            s00 = s00.addingProduct(x0, b0); s01 = s01.addingProduct(x0, b1)
            s02 = s02.addingProduct(x0, b2); s03 = s03.addingProduct(x0, b3)
            let x1 = V<T>(repeating: pa[a1])
            s10 = s10.addingProduct(x1, b0); s11 = s11.addingProduct(x1, b1)
            s12 = s12.addingProduct(x1, b2); s13 = s13.addingProduct(x1, b3)
            let x2 = V<T>(repeating: pa[a2])
            s20 = s20.addingProduct(x2, b0); s21 = s21.addingProduct(x2, b1)
            s22 = s22.addingProduct(x2, b2); s23 = s23.addingProduct(x2, b3)
            let x3 = V<T>(repeating: pa[a3])
            s30 = s30.addingProduct(x3, b0); s31 = s31.addingProduct(x3, b1)
            s32 = s32.addingProduct(x3, b2); s33 = s33.addingProduct(x3, b3)
            pa += aCol
            pb += ldb
        }
        VectorKernels.store(s00, c0, 0); VectorKernels.store(s01, c0, 16); VectorKernels.store(s02, c0, 32); VectorKernels.store(s03, c0, 48)
        VectorKernels.store(s10, c1, 0); VectorKernels.store(s11, c1, 16); VectorKernels.store(s12, c1, 32); VectorKernels.store(s13, c1, 48)
        VectorKernels.store(s20, c2, 0); VectorKernels.store(s21, c2, 16); VectorKernels.store(s22, c2, 32); VectorKernels.store(s23, c2, 48)
        VectorKernels.store(s30, c3, 0); VectorKernels.store(s31, c3, 16); VectorKernels.store(s32, c3, 32); VectorKernels.store(s33, c3, 48)
    }

    /// One row × 64 columns: 4 independent accumulators.
    @inline(__always)
    static func block1x64<T: FlowScalar>(depth: Int, a: UnsafePointer<T>, aCol: Int, b: UnsafePointer<T>, ldb: Int,
                                         c: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?, accumulate: Bool) {
        var s0 = start(c, bias, accumulate, 0), s1 = start(c, bias, accumulate, 16)
        var s2 = start(c, bias, accumulate, 32), s3 = start(c, bias, accumulate, 48)
        var pa = a, pb = b
        for _ in 0..<depth {
            let x = V<T>(repeating: pa[0])
            s0 = s0.addingProduct(x, VectorKernels.load(pb, 0)); s1 = s1.addingProduct(x, VectorKernels.load(pb, 16))
            s2 = s2.addingProduct(x, VectorKernels.load(pb, 32)); s3 = s3.addingProduct(x, VectorKernels.load(pb, 48))
            pa += aCol
            pb += ldb
        }
        VectorKernels.store(s0, c, 0); VectorKernels.store(s1, c, 16); VectorKernels.store(s2, c, 32); VectorKernels.store(s3, c, 48)
    }

    /// One row × 16 columns (column and row remainders).
    @inline(__always)
    static func block1x16<T: FlowScalar>(depth: Int, a: UnsafePointer<T>, aCol: Int, b: UnsafePointer<T>, ldb: Int,
                                         c: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?, accumulate: Bool) {
        var s = start(c, bias, accumulate, 0)
        var pa = a, pb = b
        for _ in 0..<depth {
            s = s.addingProduct(V<T>(repeating: pa[0]), VectorKernels.load(pb, 0))
            pa += aCol
            pb += ldb
        }
        VectorKernels.store(s, c, 0)
    }

    /// Columns `cols` of one row, scalar (widths that are not a multiple of 16).
    static func scalarTail<T: FlowScalar>(cols: Range<Int>, depth: Int, a: UnsafePointer<T>, aCol: Int, b: UnsafePointer<T>, ldb: Int,
                                          c: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?, accumulate: Bool) {
        for col in cols {
            var s: T = accumulate ? c[col] : (bias?[col] ?? 0)
            for k in 0..<depth { s = s.addingProduct(a[k &* aCol], b[k &* ldb &+ col]) }
            c[col] = s
        }
    }
}

/// An activation applied to C right after `GemmKernels.multiply` finishes it (a training tile is still in
/// L1 then), so that callers need no pass of their own over the tile. `aux` is addressed like C:
/// - forward: C holds the pre-activation z and `aux` receives f(z);
/// - backward: C holds a product g and becomes g · f′(z), where `aux` holds z and `activated` f(z).
/// It runs `ActivationKernels`' plain loops over memory: LLVM vectorises those, whereas SIMD-mask
/// selects in Swift lower lane by lane (measured: a per-vector select epilogue made the step 3× slower).
/// Fusing ReLU into the micro-kernel's stores instead (forward and backward are 3–4 % of a deep step each)
/// was tried three ways on 2026-11-30: a store-kind argument of `block4x64`, a generic store type, and a
/// separate fused function. Each time the specialised kernel kept its vector loads as calls to
/// `loadUnaligned` (or `block4x64` stopped being inlined) and the step became 2.5–3× slower.
struct Epilogue<T: FlowScalar> {
    let activation: Activation?
    let forward: Bool
    let aux: UnsafeMutablePointer<T>?
    let activated: UnsafePointer<T>?

    static var none: Epilogue { Epilogue(activation: nil, forward: true, aux: nil, activated: nil) }

    /// post = f(C) once C is finished.
    static func forward(_ f: Activation?, post: UnsafeMutablePointer<T>) -> Epilogue {
        Epilogue(activation: f, forward: true, aux: post, activated: nil)
    }

    /// C ← C ⊙ f′(pre) once C is finished (`post` = f(pre), read by tanh).
    static func backward(_ f: Activation?, pre: UnsafePointer<T>, post: UnsafePointer<T>) -> Epilogue {
        Epilogue(activation: f, forward: false, aux: UnsafeMutablePointer(mutating: pre), activated: post)
    }

    @inline(__always)
    func apply(_ c: UnsafeMutablePointer<T>, rows: Range<Int>, cols: Int, ldc: Int) {
        guard let activation, let aux else { return }
        if ldc == cols {   // the rows are contiguous: one call
            run(activation, rows.lowerBound &* ldc, rows.count &* cols, c, aux)
        } else {
            for r in rows { run(activation, r &* ldc, cols, c, aux) }
        }
    }

    @inline(__always)
    private func run(_ f: Activation, _ offset: Int, _ n: Int, _ c: UnsafeMutablePointer<T>, _ aux: UnsafeMutablePointer<T>) {
        if forward {
            ActivationKernels.forward(f, pre: c + offset, post: aux + offset, n)
        } else {
            ActivationKernels.backward(f, pre: aux + offset, post: (activated ?? UnsafePointer(aux)) + offset, grad: c + offset, n)
        }
    }
}
