/// Register-blocked matrix products for dense layers whose output side is wide (≥ 8 columns).
///
/// C[r, c] = start + Σ_k A[r, k] · B[k, c] for r < rows, c < cols, k < depth, where
/// A[r, k] = a[r·aRow + k·aCol] (so Aᵀ is free: swap the strides), B[k, c] = b[k·ldb + c] and
/// C[r, c] = c[r·ldc + c]; start is C's old value (`accumulate`), a bias row (`bias`) or 0.
///
/// Why blocked: a per-row kernel (`VectorKernels.combineRows`) loads one vector of B per FMA, so it is bound
/// by loads at about a quarter of the FMA peak. A tile of R rows × C columns shares each loaded B vector
/// between R rows and each broadcast A value between C / lanes vectors, and keeps R · C / lanes independent
/// accumulators, enough to hide the FMA latency on two pipes. The tile must fit the register file, so it is
/// chosen per target (`GemmTiling`, `RegisterFile`).
///
/// Every output element sums its k terms in increasing k with one accumulator and one fused multiply-add
/// per term, whatever the tiling, vector width or remainder path: the results do not depend on the tiling
/// (all tilings give the same bits, on every target with FMA).
public enum GemmKernels {
    // Never inlined: the micro-kernel's register allocation must not depend on the caller's code.
    @inline(never)
    @inlinable public static func multiply<T: FlowScalar>(rows: Int, cols: Int, depth: Int,
                                        a: UnsafePointer<T>, aRow: Int, aCol: Int,
                                        b: UnsafePointer<T>, ldb: Int,
                                        c: UnsafeMutablePointer<T>, ldc: Int,
                                        bias: UnsafePointer<T>?, accumulate: Bool, epilogue: Epilogue<T> = .none,
                                        tiling: GemmTiling = RegisterFile.target.gemmTiling) {
        let e = epilogue
        if ShallowProductKernels.handles(depth: depth, cols: cols, epilogue: e) {
            ShallowProductKernels.multiply(rows: rows, cols: cols, depth: depth, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb,
                                           c: c, ldc: ldc, bias: bias, accumulate: accumulate, epilogue: e)
            return
        }
        let p = GemmOperands(depth: depth, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c, ldc: ldc,
                             bias: bias, accumulate: accumulate)
        switch tiling {
        case .rows4cols64: GemmKernels.Rows4Cols64.multiply(rows: rows, cols: cols, p)
        case .rows6cols16: GemmKernels.Rows6Cols16.multiply(rows: rows, cols: cols, p)
        }
        // The activation over the whole finished product in one call: a training tile (32 × 64 Floats, 8 KiB) is
        // still in L1, and one long loop costs less than a call per row block (measured: forward and backward
        // activations 3–4 % of a deep step each with per-block calls).
        e.apply(c, rows: 0..<rows, cols: cols, ldc: ldc)
    }

    /// Columns `cols` of rows `rows`, scalar (widths that are not a multiple of the vector width).
    @inline(__always)
    @inlinable public static func scalarTail<T: FlowScalar>(rows: Range<Int>, cols: Range<Int>, _ p: GemmOperands<T>) {
        for r in rows {
            let ar = p.a + r &* p.aRow, cr = p.c + r &* p.ldc
            for col in cols {
                var s: T = p.accumulate ? cr[col] : (p.bias?[col] ?? 0)
                for k in 0..<p.depth { s = s.addingProduct(ar[k &* p.aCol], p.b[k &* p.ldb &+ col]) }
                cr[col] = s
            }
        }
    }
}

/// The register tile of `GemmKernels.multiply`; `RegisterFile.gemmTiling` picks one per target, and tests run
/// every one on every target (same bits).
public enum GemmTiling: CaseIterable, Sendable {
    /// 4 rows × 64 columns in `SIMD16`: 16 accumulators of 16 lanes, for 32 × 512-bit registers (AVX-512).
    case rows4cols64
    /// 6 rows × 16 columns in `SIMD8`: 12 accumulators of 8 lanes, for 16 × 256-bit registers (AVX2: 12 ymm
    /// accumulators, 2 for B, 1–2 for broadcasts) and 32 × 128-bit ones (NEON: 24 q accumulators, 4 for B).
    case rows6cols16
}

/// The operands of one product, passed to the tilings as one value (see `GemmKernels.multiply`).
public struct GemmOperands<T: FlowScalar> {
    public let depth: Int
    public let a: UnsafePointer<T>, aRow: Int, aCol: Int
    public let b: UnsafePointer<T>, ldb: Int
    public let c: UnsafeMutablePointer<T>, ldc: Int
    public let bias: UnsafePointer<T>?
    public let accumulate: Bool

    @inlinable
    public init(depth: Int, a: UnsafePointer<T>, aRow: Int, aCol: Int, b: UnsafePointer<T>, ldb: Int,
                c: UnsafeMutablePointer<T>, ldc: Int, bias: UnsafePointer<T>?, accumulate: Bool) {
        self.depth = depth
        self.a = a; self.aRow = aRow; self.aCol = aCol
        self.b = b; self.ldb = ldb
        self.c = c; self.ldc = ldc
        self.bias = bias
        self.accumulate = accumulate
    }

    /// An accumulator's start for the vector at column `k` of C's row `cr`: C itself, the bias, or 0.
    @inline(__always)
    @inlinable public func start<V: SIMD>(_ cr: UnsafeMutablePointer<T>, _ k: Int, as _: V.Type) -> V where V.Scalar == T {
        if accumulate { return UnsafeRawPointer(cr + k).loadUnaligned(as: V.self) }
        if let bias { return UnsafeRawPointer(bias + k).loadUnaligned(as: V.self) }
        return V()
    }
}
