extension GemmKernels {
    /// The AVX2 and NEON tiling: 6 rows × 16 columns in `SIMD8`, 12 accumulators.
    ///
    /// AVX2 has 16 ymm registers: 12 accumulators, 2 B vectors and a broadcast leave one spare; per k 2 loads
    /// and 6 broadcasts (loads on x86) feed 12 FMAs, so the loop is FMA-bound on 2 pipes, and 12 chains cover
    /// the FMA latency (4 cycles × 2 pipes = 8 in flight). This is the register tile BLAS libraries use for
    /// Float on Haswell-class cores. On NEON (32 × 128-bit) each `SIMD8` is two q registers: 24 accumulators,
    /// 4 for B and 2 for broadcasts fit in 32, and 24 chains cover 4 FMA pipes of latency 4 (16 in flight).
    /// Remainder rows run as 2 × 32 strips and a last 1 × 64 row (8 accumulators each).
    public enum Rows6Cols16 {
        public typealias V<T: FlowScalar> = SIMD8<T>

        @inline(__always)
        @inlinable public static func multiply<T: FlowScalar>(rows: Int, cols: Int, _ p: GemmOperands<T>) {
            var r = 0
            while r &+ 6 <= rows {
                let ar = p.a + r &* p.aRow, cr = p.c + r &* p.ldc
                var col = 0
                while col &+ 16 <= cols {
                    block6x16(ar, cr, col, p)
                    col &+= 16
                }
                narrowColumns(rows: r..<(r &+ 6), from: col, cols: cols, p)
                r &+= 6
            }
            while r &+ 2 <= rows {
                let ar = p.a + r &* p.aRow, cr = p.c + r &* p.ldc
                var col = 0
                while col &+ 32 <= cols {
                    block2x32(ar, cr, col, p)
                    col &+= 32
                }
                narrowColumns(rows: r..<(r &+ 2), from: col, cols: cols, p)
                r &+= 2
            }
            if r < rows {
                let ar = p.a + r &* p.aRow, cr = p.c + r &* p.ldc
                var col = 0
                while col &+ 64 <= cols {
                    block1x64(ar, cr, col, p)
                    col &+= 64
                }
                narrowColumns(rows: r..<(r &+ 1), from: col, cols: cols, p)
            }
        }

        /// Columns from `col` on, one row and 8 columns at a time, then scalar.
        @inline(__always)
        @inlinable public static func narrowColumns<T: FlowScalar>(rows: Range<Int>, from col: Int, cols: Int, _ p: GemmOperands<T>) {
            guard col < cols else { return }
            var end = col
            while end &+ 8 <= cols { end &+= 8 }
            for r in rows {
                let ar = p.a + r &* p.aRow, cr = p.c + r &* p.ldc
                var k = col
                while k < end { block1x8(ar, cr, k, p); k &+= 8 }
            }
            if end < cols { scalarTail(rows: rows, cols: end..<cols, p) }
        }

        /// The 6 × 16 micro-kernel at column `col` of the rows starting at `a` (A) and `c` (C).
        @inline(__always)
        @inlinable public static func block6x16<T: FlowScalar>(_ a: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>, _ col: Int, _ p: GemmOperands<T>) {
            let ldc = p.ldc
            let c0 = c, c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc
            let k0 = col, k1 = col &+ 8
            var s00 = p.start(c0, k0, as: V<T>.self), s01 = p.start(c0, k1, as: V<T>.self)
            var s10 = p.start(c1, k0, as: V<T>.self), s11 = p.start(c1, k1, as: V<T>.self)
            var s20 = p.start(c2, k0, as: V<T>.self), s21 = p.start(c2, k1, as: V<T>.self)
            var s30 = p.start(c3, k0, as: V<T>.self), s31 = p.start(c3, k1, as: V<T>.self)
            var s40 = p.start(c4, k0, as: V<T>.self), s41 = p.start(c4, k1, as: V<T>.self)
            var s50 = p.start(c5, k0, as: V<T>.self), s51 = p.start(c5, k1, as: V<T>.self)
            var pa = a, pb = p.b + col
            let a1 = p.aRow, a2 = 2 &* p.aRow, a3 = 3 &* p.aRow, a4 = 4 &* p.aRow, a5 = 5 &* p.aRow
            for _ in 0..<p.depth {
                let b0 = VectorKernels.load8(pb, 0), b1 = VectorKernels.load8(pb, 8)
                var x = V<T>(repeating: pa[0])
                s00 = s00.addingProduct(x, b0); s01 = s01.addingProduct(x, b1)
                x = V<T>(repeating: pa[a1])
                s10 = s10.addingProduct(x, b0); s11 = s11.addingProduct(x, b1)
                x = V<T>(repeating: pa[a2])
                s20 = s20.addingProduct(x, b0); s21 = s21.addingProduct(x, b1)
                x = V<T>(repeating: pa[a3])
                s30 = s30.addingProduct(x, b0); s31 = s31.addingProduct(x, b1)
                x = V<T>(repeating: pa[a4])
                s40 = s40.addingProduct(x, b0); s41 = s41.addingProduct(x, b1)
                x = V<T>(repeating: pa[a5])
                s50 = s50.addingProduct(x, b0); s51 = s51.addingProduct(x, b1)
                pa += p.aCol
                pb += p.ldb
            }
            VectorKernels.store8(s00, c0, k0); VectorKernels.store8(s01, c0, k1)
            VectorKernels.store8(s10, c1, k0); VectorKernels.store8(s11, c1, k1)
            VectorKernels.store8(s20, c2, k0); VectorKernels.store8(s21, c2, k1)
            VectorKernels.store8(s30, c3, k0); VectorKernels.store8(s31, c3, k1)
            VectorKernels.store8(s40, c4, k0); VectorKernels.store8(s41, c4, k1)
            VectorKernels.store8(s50, c5, k0); VectorKernels.store8(s51, c5, k1)
        }

        /// Two rows × 32 columns: 8 accumulators (remainder rows).
        @inline(__always)
        @inlinable public static func block2x32<T: FlowScalar>(_ a: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>, _ col: Int, _ p: GemmOperands<T>) {
            let c0 = c, c1 = c + p.ldc
            let k0 = col, k1 = col &+ 8, k2 = col &+ 16, k3 = col &+ 24
            var s00 = p.start(c0, k0, as: V<T>.self), s01 = p.start(c0, k1, as: V<T>.self)
            var s02 = p.start(c0, k2, as: V<T>.self), s03 = p.start(c0, k3, as: V<T>.self)
            var s10 = p.start(c1, k0, as: V<T>.self), s11 = p.start(c1, k1, as: V<T>.self)
            var s12 = p.start(c1, k2, as: V<T>.self), s13 = p.start(c1, k3, as: V<T>.self)
            var pa = a, pb = p.b + col
            let a1 = p.aRow
            for _ in 0..<p.depth {
                let b0 = VectorKernels.load8(pb, 0), b1 = VectorKernels.load8(pb, 8)
                let b2 = VectorKernels.load8(pb, 16), b3 = VectorKernels.load8(pb, 24)
                let x0 = V<T>(repeating: pa[0]), x1 = V<T>(repeating: pa[a1])
                s00 = s00.addingProduct(x0, b0); s01 = s01.addingProduct(x0, b1)
                s02 = s02.addingProduct(x0, b2); s03 = s03.addingProduct(x0, b3)
                s10 = s10.addingProduct(x1, b0); s11 = s11.addingProduct(x1, b1)
                s12 = s12.addingProduct(x1, b2); s13 = s13.addingProduct(x1, b3)
                pa += p.aCol
                pb += p.ldb
            }
            VectorKernels.store8(s00, c0, k0); VectorKernels.store8(s01, c0, k1)
            VectorKernels.store8(s02, c0, k2); VectorKernels.store8(s03, c0, k3)
            VectorKernels.store8(s10, c1, k0); VectorKernels.store8(s11, c1, k1)
            VectorKernels.store8(s12, c1, k2); VectorKernels.store8(s13, c1, k3)
        }

        /// One row × 64 columns: 8 accumulators (the last odd row, and 1-row products such as the ∂W of a 1 → H layer).
        @inline(__always)
        @inlinable public static func block1x64<T: FlowScalar>(_ a: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>, _ col: Int, _ p: GemmOperands<T>) {
            var s0 = p.start(c, col, as: V<T>.self), s1 = p.start(c, col &+ 8, as: V<T>.self)
            var s2 = p.start(c, col &+ 16, as: V<T>.self), s3 = p.start(c, col &+ 24, as: V<T>.self)
            var s4 = p.start(c, col &+ 32, as: V<T>.self), s5 = p.start(c, col &+ 40, as: V<T>.self)
            var s6 = p.start(c, col &+ 48, as: V<T>.self), s7 = p.start(c, col &+ 56, as: V<T>.self)
            var pa = a, pb = p.b + col
            for _ in 0..<p.depth {
                let x = V<T>(repeating: pa[0])
                s0 = s0.addingProduct(x, VectorKernels.load8(pb, 0)); s1 = s1.addingProduct(x, VectorKernels.load8(pb, 8))
                s2 = s2.addingProduct(x, VectorKernels.load8(pb, 16)); s3 = s3.addingProduct(x, VectorKernels.load8(pb, 24))
                s4 = s4.addingProduct(x, VectorKernels.load8(pb, 32)); s5 = s5.addingProduct(x, VectorKernels.load8(pb, 40))
                s6 = s6.addingProduct(x, VectorKernels.load8(pb, 48)); s7 = s7.addingProduct(x, VectorKernels.load8(pb, 56))
                pa += p.aCol
                pb += p.ldb
            }
            VectorKernels.store8(s0, c, col); VectorKernels.store8(s1, c, col &+ 8)
            VectorKernels.store8(s2, c, col &+ 16); VectorKernels.store8(s3, c, col &+ 24)
            VectorKernels.store8(s4, c, col &+ 32); VectorKernels.store8(s5, c, col &+ 40)
            VectorKernels.store8(s6, c, col &+ 48); VectorKernels.store8(s7, c, col &+ 56)
        }

        /// One row × 8 columns (column remainders).
        @inline(__always)
        @inlinable public static func block1x8<T: FlowScalar>(_ a: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>, _ col: Int, _ p: GemmOperands<T>) {
            var s = p.start(c, col, as: V<T>.self)
            var pa = a, pb = p.b + col
            for _ in 0..<p.depth {
                s = s.addingProduct(V<T>(repeating: pa[0]), VectorKernels.load8(pb, 0))
                pa += p.aCol
                pb += p.ldb
            }
            VectorKernels.store8(s, c, col)
        }
    }
}
