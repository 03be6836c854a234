/// The forward pass of a narrow layer with two outputs (H → 2, a 2D coupling's s and t), blocked over rows.
///
/// y[r, o] = b[o] + ⟨x_r, W_o⟩. Computing one dot product at a time reloads x_r for each output and
/// W for each row (64 loads for 32 FMAs per row at H = 256, ≈ 13 % of Example 1's step); here 4 rows × 2
/// outputs share each 16-lane load: 6 loads feed 8 FMAs into 8 independent accumulators.
/// Every (row, output) sums its 16-lane chunks in order into one accumulator, then `horizontalSum`, then
/// the scalar tail, then the bias: the 1-row remainder path gives the same bits as the blocked one, so the
/// result does not depend on the tile size. Without a scalar tail (H a multiple of 16), blocks of 8 rows
/// run first and do their 16 horizontal sums together (`VectorKernels.horizontalSums16`, same bits).
public enum NarrowKernels {
    public typealias V<T: FlowScalar> = SIMD16<T>

    @inlinable public static func forwardPair<T: FlowScalar>(x: UnsafePointer<T>, rows: Int, inCount n: Int, w: UnsafePointer<T>,
                                           b: UnsafePointer<T>, y: UnsafeMutablePointer<T>,
                                           wide: Bool = RegisterFile.target.wideRowBlocks) {
        let w0 = w, w1 = w + n
        let chunks = n / 16 &* 16
        var r = 0
        if chunks == n {
            // No scalar tail: 8 rows × 2 outputs at once, and their 16 horizontal sums share vector adds
            // (`horizontalSums16`, same bits); lane 2i + o is y[r + i, o], so the 8 rows store as one vector.
            var bias = V<T>()
            for i in 0..<16 { bias[i] = b[i & 1] }
            withUnsafeTemporaryAllocation(of: V<T>.self, capacity: 16) { buffer in
                let acc = buffer.baseAddress!
                while !wide && r &+ 8 <= rows {
                    // 16 accumulators of 16 lanes are 32 ymm on AVX2: 2 rows at a time (4 accumulators, 8 ymm), each
                    // pair's sums parked in `acc` for the same 16 horizontal sums.
                    for i in stride(from: 0, to: 8, by: 2) {
                        let (p0, q0, p1, q1) = twoRows(x + (r &+ i) &* n, n, w0, w1)
                        acc[VectorKernels.sumSlot(2 &* i)] = p0; acc[VectorKernels.sumSlot(2 &* i &+ 1)] = q0
                        acc[VectorKernels.sumSlot(2 &* i &+ 2)] = p1; acc[VectorKernels.sumSlot(2 &* i &+ 3)] = q1
                    }
                    VectorKernels.store(bias + VectorKernels.horizontalSums16(acc), y, r &* 2)
                    r &+= 8
                }
                while wide && r &+ 8 <= rows {
                    let x0 = x + r &* n
                    var a00 = V<T>(), a01 = V<T>(), a10 = V<T>(), a11 = V<T>(), a20 = V<T>(), a21 = V<T>(), a30 = V<T>(), a31 = V<T>()
                    var a40 = V<T>(), a41 = V<T>(), a50 = V<T>(), a51 = V<T>(), a60 = V<T>(), a61 = V<T>(), a70 = V<T>(), a71 = V<T>()
                    var k = 0
                    while k < n {
                        let u = VectorKernels.load(w0, k), v = VectorKernels.load(w1, k)
                        var p = VectorKernels.load(x0, k); a00 = a00.addingProduct(p, u); a01 = a01.addingProduct(p, v)
                        p = VectorKernels.load(x0 + n, k); a10 = a10.addingProduct(p, u); a11 = a11.addingProduct(p, v)
                        p = VectorKernels.load(x0 + 2 &* n, k); a20 = a20.addingProduct(p, u); a21 = a21.addingProduct(p, v)
                        p = VectorKernels.load(x0 + 3 &* n, k); a30 = a30.addingProduct(p, u); a31 = a31.addingProduct(p, v)
                        p = VectorKernels.load(x0 + 4 &* n, k); a40 = a40.addingProduct(p, u); a41 = a41.addingProduct(p, v)
                        p = VectorKernels.load(x0 + 5 &* n, k); a50 = a50.addingProduct(p, u); a51 = a51.addingProduct(p, v)
                        p = VectorKernels.load(x0 + 6 &* n, k); a60 = a60.addingProduct(p, u); a61 = a61.addingProduct(p, v)
                        p = VectorKernels.load(x0 + 7 &* n, k); a70 = a70.addingProduct(p, u); a71 = a71.addingProduct(p, v)
                        k &+= 16
                    }
                    // Vector 2i + o is (row r + i, output o).
                    let slot = VectorKernels.sumSlot
                    acc[slot(0)] = a00; acc[slot(1)] = a01; acc[slot(2)] = a10; acc[slot(3)] = a11
                    acc[slot(4)] = a20; acc[slot(5)] = a21; acc[slot(6)] = a30; acc[slot(7)] = a31
                    acc[slot(8)] = a40; acc[slot(9)] = a41; acc[slot(10)] = a50; acc[slot(11)] = a51
                    acc[slot(12)] = a60; acc[slot(13)] = a61; acc[slot(14)] = a70; acc[slot(15)] = a71
                    let sums = VectorKernels.horizontalSums16(acc)
                    VectorKernels.store(bias + sums, y, r &* 2)
                    r &+= 8
                }
            }
        }
        while r &+ 4 <= rows {
            let x0 = x + r &* n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n
            var a00 = V<T>(), a01 = V<T>(), a10 = V<T>(), a11 = V<T>()
            var a20 = V<T>(), a21 = V<T>(), a30 = V<T>(), a31 = V<T>()
            var k = 0
            while k < chunks {
                let u = VectorKernels.load(w0, k), v = VectorKernels.load(w1, k)
                let p0 = VectorKernels.load(x0, k), p1 = VectorKernels.load(x1, k)
                let p2 = VectorKernels.load(x2, k), p3 = VectorKernels.load(x3, k)
                a00 = a00.addingProduct(p0, u); a01 = a01.addingProduct(p0, v)
                a10 = a10.addingProduct(p1, u); a11 = a11.addingProduct(p1, v)
                a20 = a20.addingProduct(p2, u); a21 = a21.addingProduct(p2, v)
                a30 = a30.addingProduct(p3, u); a31 = a31.addingProduct(p3, v)
                k &+= 16
            }
            finish(a00, a01, x0, w0, w1, from: chunks, n, b, y + r &* 2)
            finish(a10, a11, x1, w0, w1, from: chunks, n, b, y + (r &+ 1) &* 2)
            finish(a20, a21, x2, w0, w1, from: chunks, n, b, y + (r &+ 2) &* 2)
            finish(a30, a31, x3, w0, w1, from: chunks, n, b, y + (r &+ 3) &* 2)
            r &+= 4
        }
        while r < rows {
            let x0 = x + r &* n
            var a0 = V<T>(), a1 = V<T>()
            var k = 0
            while k < chunks {
                let p = VectorKernels.load(x0, k)
                a0 = a0.addingProduct(p, VectorKernels.load(w0, k)); a1 = a1.addingProduct(p, VectorKernels.load(w1, k))
                k &+= 16
            }
            finish(a0, a1, x0, w0, w1, from: chunks, n, b, y + r &* 2)
            r &+= 1
        }
    }

    /// The two outputs' 16-lane accumulators of rows x and x + n (chunks of 16 up to n): (row 0 output 0, row 0
    /// output 1, row 1 output 0, row 1 output 1).
    @inline(__always)
    @inlinable public static func twoRows<T: FlowScalar>(_ x: UnsafePointer<T>, _ n: Int, _ w0: UnsafePointer<T>, _ w1: UnsafePointer<T>)
        -> (V<T>, V<T>, V<T>, V<T>) {
        var a00 = V<T>(), a01 = V<T>(), a10 = V<T>(), a11 = V<T>()
        var k = 0
        while k < n {
            let u = VectorKernels.load(w0, k), v = VectorKernels.load(w1, k)
            var p = VectorKernels.load(x, k); a00 = a00.addingProduct(p, u); a01 = a01.addingProduct(p, v)
            p = VectorKernels.load(x + n, k); a10 = a10.addingProduct(p, u); a11 = a11.addingProduct(p, v)
            k &+= 16
        }
        return (a00, a01, a10, a11)
    }

    @inline(__always)
    @inlinable public static func finish<T: FlowScalar>(_ a0: V<T>, _ a1: V<T>, _ x: UnsafePointer<T>, _ w0: UnsafePointer<T>, _ w1: UnsafePointer<T>,
                                      from start: Int, _ n: Int, _ b: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>) {
        var s0 = VectorKernels.horizontalSum(a0), s1 = VectorKernels.horizontalSum(a1)
        var k = start
        while k < n { s0 = s0.addingProduct(x[k], w0[k]); s1 = s1.addingProduct(x[k], w1[k]); k &+= 1 }
        y[0] = b[0] + s0
        y[1] = b[1] + s1
    }
}
