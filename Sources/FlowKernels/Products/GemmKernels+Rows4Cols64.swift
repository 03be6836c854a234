extension GemmKernels {
    /// The AVX-512 tiling: 4 rows × 64 columns, 16 `SIMD16` accumulators (16 of the 32 zmm registers), per k
    /// 4 B vectors and 4 broadcasts feeding 16 FMAs.
    /// Not taller: a 6 × 64 tile (24 accumulators, each B vector feeding 6 FMAs) made the deep training step
    /// 3–4 % slower; the loop is FMA-bound (per k: 8 loads on 2–3 load ports vs 16 FMAs on 2 pipes), so fewer
    /// loads per FMA have little to win. On AVX2 each accumulator takes two of the 16 ymm registers and this
    /// tile spills on every k: see `Rows6Cols16`.
    public enum Rows4Cols64 {
        public typealias V<T: FlowScalar> = SIMD16<T>

        @inline(__always)
        @inlinable public static func multiply<T: FlowScalar>(rows: Int, cols: Int, _ p: GemmOperands<T>) {
            var r = 0
            while r &+ 4 <= rows {
                let ar = p.a + r &* p.aRow, cr = p.c + r &* p.ldc
                var col = 0
                while col &+ 64 <= cols {
                    block4x64(ar, cr, col, p)
                    col &+= 64
                }
                while col &+ 16 <= cols {
                    for i in 0..<4 { block1x16(ar + i &* p.aRow, cr + i &* p.ldc, col, p) }
                    col &+= 16
                }
                if col < cols { scalarTail(rows: r..<(r &+ 4), cols: col..<cols, p) }
                r &+= 4
            }
            // Remainder rows (tile sizes not a multiple of 4, and the 1-row ∂W of a 1 → H layer): one row at a
            // time, 64 columns at once so that 4 FMA chains run side by side.
            while r < rows {
                let ar = p.a + r &* p.aRow, cr = p.c + r &* p.ldc
                var col = 0
                while col &+ 64 <= cols {
                    block1x64(ar, cr, col, p)
                    col &+= 64
                }
                while col &+ 16 <= cols {
                    block1x16(ar, cr, col, p)
                    col &+= 16
                }
                if col < cols { scalarTail(rows: r..<(r &+ 1), cols: col..<cols, p) }
                r &+= 1
            }
        }

        /// The 4 × 64 micro-kernel at column `col` of the rows starting at `a` (A) and `c` (C).
        @inline(__always)
        @inlinable public static func block4x64<T: FlowScalar>(_ a: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>, _ col: Int, _ p: GemmOperands<T>) {
            let c0 = c, c1 = c + p.ldc, c2 = c + 2 &* p.ldc, c3 = c + 3 &* p.ldc
            let k0 = col, k1 = col &+ 16, k2 = col &+ 32, k3 = col &+ 48
            var s00 = p.start(c0, k0, as: V<T>.self), s01 = p.start(c0, k1, as: V<T>.self)
            var s02 = p.start(c0, k2, as: V<T>.self), s03 = p.start(c0, k3, as: V<T>.self)
            var s10 = p.start(c1, k0, as: V<T>.self), s11 = p.start(c1, k1, as: V<T>.self)
            var s12 = p.start(c1, k2, as: V<T>.self), s13 = p.start(c1, k3, as: V<T>.self)
            var s20 = p.start(c2, k0, as: V<T>.self), s21 = p.start(c2, k1, as: V<T>.self)
            var s22 = p.start(c2, k2, as: V<T>.self), s23 = p.start(c2, k3, as: V<T>.self)
            var s30 = p.start(c3, k0, as: V<T>.self), s31 = p.start(c3, k1, as: V<T>.self)
            var s32 = p.start(c3, k2, as: V<T>.self), s33 = p.start(c3, k3, as: V<T>.self)
            var pa = a, pb = p.b + col
            let a1 = p.aRow, a2 = 2 &* p.aRow, a3 = 3 &* p.aRow
            for _ in 0..<p.depth {
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
                pa += p.aCol
                pb += p.ldb
            }
            VectorKernels.store(s00, c0, k0); VectorKernels.store(s01, c0, k1); VectorKernels.store(s02, c0, k2); VectorKernels.store(s03, c0, k3)
            VectorKernels.store(s10, c1, k0); VectorKernels.store(s11, c1, k1); VectorKernels.store(s12, c1, k2); VectorKernels.store(s13, c1, k3)
            VectorKernels.store(s20, c2, k0); VectorKernels.store(s21, c2, k1); VectorKernels.store(s22, c2, k2); VectorKernels.store(s23, c2, k3)
            VectorKernels.store(s30, c3, k0); VectorKernels.store(s31, c3, k1); VectorKernels.store(s32, c3, k2); VectorKernels.store(s33, c3, k3)
        }

        /// One row × 64 columns: 4 independent accumulators.
        @inline(__always)
        @inlinable public static func block1x64<T: FlowScalar>(_ a: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>, _ col: Int, _ p: GemmOperands<T>) {
            let k0 = col, k1 = col &+ 16, k2 = col &+ 32, k3 = col &+ 48
            var s0 = p.start(c, k0, as: V<T>.self), s1 = p.start(c, k1, as: V<T>.self)
            var s2 = p.start(c, k2, as: V<T>.self), s3 = p.start(c, k3, as: V<T>.self)
            var pa = a, pb = p.b + col
            for _ in 0..<p.depth {
                let x = V<T>(repeating: pa[0])
                s0 = s0.addingProduct(x, VectorKernels.load(pb, 0)); s1 = s1.addingProduct(x, VectorKernels.load(pb, 16))
                s2 = s2.addingProduct(x, VectorKernels.load(pb, 32)); s3 = s3.addingProduct(x, VectorKernels.load(pb, 48))
                pa += p.aCol
                pb += p.ldb
            }
            VectorKernels.store(s0, c, k0); VectorKernels.store(s1, c, k1); VectorKernels.store(s2, c, k2); VectorKernels.store(s3, c, k3)
        }

        /// One row × 16 columns (column and row remainders).
        @inline(__always)
        @inlinable public static func block1x16<T: FlowScalar>(_ a: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>, _ col: Int, _ p: GemmOperands<T>) {
            var s = p.start(c, col, as: V<T>.self)
            var pa = a, pb = p.b + col
            for _ in 0..<p.depth {
                s = s.addingProduct(V<T>(repeating: pa[0]), VectorKernels.load(pb, 0))
                pa += p.aCol
                pb += p.ldb
            }
            VectorKernels.store(s, c, col)
        }
    }
}
