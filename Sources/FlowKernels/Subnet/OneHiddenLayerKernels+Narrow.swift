extension OneHiddenLayerKernels {
    /// The forward pass in 8-lane halves, for 16 × 256-bit (AVX2) and 32 × 128-bit (NEON) register files.
    ///
    /// The 16-lane pass (`forwardRows`) keeps 8 output accumulators and 4 operands (w₁, b₁ and W₂'s two rows) of
    /// 16 lanes live: 24 of AVX2's 16 ymm registers, 48 of NEON's 32, so it spilled accumulators on every step.
    /// Here a block of 2 rows runs twice over the hidden units, once for lanes 0–7 and once for lanes 8–15 of every
    /// 16-unit chunk: 4 accumulators, 4 operands and 2 broadcast inputs of 8 lanes, with the activation's constants
    /// and temporaries within 16 ymm (blocks of 4 rows still spilled accumulators and were 7 % slower per Example 1
    /// step on AVX2). Every lane of every accumulator sees the
    /// same FMAs in the same order as in `forwardRows`, and the halves are joined into the 16-lane accumulator
    /// before the same `horizontalSum` (`close`), so the bits do not change.
    /// Not inlined into `forward`: there, next to the 16-lane passes, LLVM left the 8-lane loads and stores as calls.
    @inline(never)
    @inlinable public static func forwardRowsNarrow<T: FlowScalar, S: HiddenUnits>(_: S.Type, _ p: UnsafePointer<T>, _ rows: Int, _ n: Int,
                                                                 _ w1: UnsafePointer<T>, _ b1: UnsafePointer<T>,
                                                                 _ w2: UnsafePointer<T>, _ b2: UnsafePointer<T>,
                                                                 _ hidden: UnsafeMutablePointer<T>, _ output: UnsafeMutablePointer<T>) {
        let operands = HiddenOperands(w1: w1, b1: b1, u0: w2, u1: w2 + n, n: n)
        var r = 0
        while r &+ 2 <= rows {
            let h = hidden + r &* n
            let lo = twoRows(S.self, 0, p + r, h, operands), hi = twoRows(S.self, 8, p + r, h, operands)
            let y = output + r &* 2
            close(V<T>(lowHalf: lo.0, highHalf: hi.0), V<T>(lowHalf: lo.1, highHalf: hi.1), b2, y)
            close(V<T>(lowHalf: lo.2, highHalf: hi.2), V<T>(lowHalf: lo.3, highHalf: hi.3), b2, y + 2)
            r &+= 2
        }
        while r < rows {
            let h = hidden + r &* n
            let lo = oneRow(S.self, 0, p[r], h, operands), hi = oneRow(S.self, 8, p[r], h, operands)
            close(V<T>(lowHalf: lo.0, highHalf: hi.0), V<T>(lowHalf: lo.1, highHalf: hi.1), b2, output + r &* 2)
            r &+= 1
        }
    }

    /// Lanes `lane`..<`lane` + 8 of every 16-unit chunk for 2 rows (inputs `p`, hidden rows from `h`, stride n):
    /// the 4 output accumulators (row i, output o) at index 2i + o.
    @inline(__always)
    @inlinable public static func twoRows<T: FlowScalar, S: HiddenUnits>(_: S.Type, _ lane: Int, _ p: UnsafePointer<T>, _ h: UnsafeMutablePointer<T>,
                                                       _ o: HiddenOperands<T>) -> (SIMD8<T>, SIMD8<T>, SIMD8<T>, SIMD8<T>) {
        typealias H = SIMD8<T>
        let n = o.n, h0 = h, h1 = h0 + n
        let x0 = H(repeating: p[0]), x1 = H(repeating: p[1])
        var a00 = H(), a01 = H(), a10 = H(), a11 = H()
        var k = lane
        while k < n {
            let w = H.load(o.w1, k), b = H.load(o.b1, k), u = H.load(o.u0, k), v = H.load(o.u1, k)
            var y = unit(S.self, b, x0, w, h0, k); a00 = a00.addingProduct(y, u); a01 = a01.addingProduct(y, v)
            y = unit(S.self, b, x1, w, h1, k); a10 = a10.addingProduct(y, u); a11 = a11.addingProduct(y, v)
            k &+= 16
        }
        return (a00, a01, a10, a11)
    }

    /// The same for one row: its two output accumulators.
    @inline(__always)
    @inlinable public static func oneRow<T: FlowScalar, S: HiddenUnits>(_: S.Type, _ lane: Int, _ p: T, _ h: UnsafeMutablePointer<T>,
                                                      _ o: HiddenOperands<T>) -> (SIMD8<T>, SIMD8<T>) {
        typealias H = SIMD8<T>
        let x = H(repeating: p)
        var a0 = H(), a1 = H()
        var k = lane
        while k < o.n {
            let y = unit(S.self, H.load(o.b1, k), x, H.load(o.w1, k), h, k)
            a0 = a0.addingProduct(y, H.load(o.u0, k)); a1 = a1.addingProduct(y, H.load(o.u1, k))
            k &+= 16
        }
        return (a0, a1)
    }
}

/// The first layer's weights and biases and the second layer's two weight rows, each H = n values.
public struct HiddenOperands<T: FlowScalar> {
    public let w1: UnsafePointer<T>, b1: UnsafePointer<T>, u0: UnsafePointer<T>, u1: UnsafePointer<T>
    public let n: Int

    @inlinable
    public init(w1: UnsafePointer<T>, b1: UnsafePointer<T>, u0: UnsafePointer<T>, u1: UnsafePointer<T>, n: Int) {
        self.w1 = w1; self.b1 = b1; self.u0 = u0; self.u1 = u1; self.n = n
    }
}
