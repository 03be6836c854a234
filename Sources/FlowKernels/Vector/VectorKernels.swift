/// SIMD building blocks of the network math: y += a·x, dot products, sums and element-wise maps
/// over raw pointers, in 16-lane chunks with a scalar tail.
///
/// Sixteen lanes fill one AVX-512 register in `Float` (two in `Double`); `addingProduct` becomes a
/// fused multiply-add when built with `-target-cpu native`.
public enum VectorKernels {
    public typealias V<T: FlowScalar> = SIMD16<T>

    @inline(__always)
    @inlinable public static func load<T: FlowScalar>(_ p: UnsafePointer<T>, _ k: Int) -> SIMD16<T> {
        UnsafeRawPointer(p + k).loadUnaligned(as: SIMD16<T>.self)
    }

    @inline(__always)
    @inlinable public static func store<T: FlowScalar>(_ v: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int) {
        UnsafeMutableRawPointer(p + k).storeBytes(of: v, as: SIMD16<T>.self)
    }

    /// 8 lanes (the AVX2 and NEON register tiles, `GemmKernels.Rows6Cols16`).
    @inline(__always)
    @inlinable public static func load8<T: FlowScalar>(_ p: UnsafePointer<T>, _ k: Int) -> SIMD8<T> {
        UnsafeRawPointer(p + k).loadUnaligned(as: SIMD8<T>.self)
    }

    @inline(__always)
    @inlinable public static func store8<T: FlowScalar>(_ v: SIMD8<T>, _ p: UnsafeMutablePointer<T>, _ k: Int) {
        UnsafeMutableRawPointer(p + k).storeBytes(of: v, as: SIMD8<T>.self)
    }

    /// y[0..<n] += a · x[0..<n].
    @inline(__always)
    @inlinable public static func axpy<T: FlowScalar>(_ a: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int) {
        let av = SIMD16<T>(repeating: a)
        var k = 0
        while k &+ 16 <= n {
            store(load(UnsafePointer(y), k).addingProduct(av, load(x, k)), y, k)
            k &+= 16
        }
        while k < n { y[k] += a * x[k]; k &+= 1 }
    }

    /// y[0..<n] += x[0..<n].
    @inline(__always)
    @inlinable public static func add<T: FlowScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int) {
        var k = 0
        while k &+ 16 <= n {
            store(load(UnsafePointer(y), k) + load(x, k), y, k)
            k &+= 16
        }
        while k < n { y[k] += x[k]; k &+= 1 }
    }

    /// The sum of 16 lanes as a tree of halvings (`SIMD.sum()` lowers to 15 dependent scalar adds).
    @inline(__always)
    @inlinable public static func horizontalSum<T: FlowScalar>(_ v: SIMD16<T>) -> T {
        let s8 = v.lowHalf + v.highHalf
        let s4 = s8.lowHalf + s8.highHalf
        let s2 = s4.lowHalf + s4.highHalf
        return s2[0] + s2[1]
    }

    /// The 16 `horizontalSum`s of 16 vectors at once: lane i of the result is `horizontalSum` of vector i, bit for
    /// bit, where vector i is in `v[sumSlot(i)]`; `v` (16 vectors) is overwritten.
    ///
    /// `horizontalSum` adds lanes j and j + g for g = 8, 4, 2, 1; here each of those levels runs for several
    /// vectors in one vector add, so 16 sums take 15 adds and 30 shuffles (one `horizontalSum` alone costs
    /// about a dozen shuffles as LLVM lowers it after a dot product). Every lane still adds the same two
    /// values at every level (addition commutes exactly), so the bits do not change.
    /// Each level is its own non-inlined pass over `v`: inlined together, LLVM merges the levels' lane picks
    /// into a mess of single-lane inserts (measured: slower than 16 separate sums); alone, each level is two
    /// permutes and an add per pair of vectors.
    @inline(__always)
    @inlinable public static func horizontalSums16<T: FlowScalar>(_ v: UnsafeMutablePointer<SIMD16<T>>) -> SIMD16<T> {
        sumLevel8(v)
        sumLevel4(v)
        sumLevel2(v)
        sumLevel1(v)
        return v[0]
    }

    /// Where `horizontalSums16` expects vector i: the 4-bit reversal of i, so that the sums come out in lane order
    /// (each level adds the pairs v[2k], v[2k + 1] into v[k]).
    @inline(__always)
    @inlinable public static func sumSlot(_ i: Int) -> Int { (i & 1) << 3 | (i & 2) << 1 | (i & 4) >> 1 | (i & 8) >> 3 }

    // The levels of `horizontalSums16`: v[k] ← the pair (p, q) = (v[2k], v[2k + 1]) where, in every chunk of 2g lanes,
    // the first g lanes of the result are p's first g + p's second g lanes of that chunk, the next g lanes the same for q.
    @inline(never)
    @inlinable public static func sumLevel8<T: FlowScalar>(_ v: UnsafeMutablePointer<SIMD16<T>>) {
        for k in 0..<8 {
            let p = v[2 &* k], q = v[2 &* k &+ 1]
            v[k] = SIMD16(lowHalf: p.lowHalf, highHalf: q.lowHalf) + SIMD16(lowHalf: p.highHalf, highHalf: q.highHalf)
        }
    }

    @inline(never)
    @inlinable public static func sumLevel4<T: FlowScalar>(_ v: UnsafeMutablePointer<SIMD16<T>>) {
        for k in 0..<4 {
            let p = v[2 &* k], q = v[2 &* k &+ 1]
            let first = SIMD16(lowHalf: SIMD8(lowHalf: p.lowHalf.lowHalf, highHalf: q.lowHalf.lowHalf),
                               highHalf: SIMD8(lowHalf: p.highHalf.lowHalf, highHalf: q.highHalf.lowHalf))
            let second = SIMD16(lowHalf: SIMD8(lowHalf: p.lowHalf.highHalf, highHalf: q.lowHalf.highHalf),
                                highHalf: SIMD8(lowHalf: p.highHalf.highHalf, highHalf: q.highHalf.highHalf))
            v[k] = first + second
        }
    }

    @inline(never)
    @inlinable public static func sumLevel2<T: FlowScalar>(_ v: UnsafeMutablePointer<SIMD16<T>>) {
        // Per quarter (4 lanes): [p.low2, q.low2] + [p.high2, q.high2].
        @inline(__always) func mix(_ a: SIMD4<T>, _ b: SIMD4<T>, _ low: Bool) -> SIMD4<T> {
            low ? SIMD4(lowHalf: a.lowHalf, highHalf: b.lowHalf) : SIMD4(lowHalf: a.highHalf, highHalf: b.highHalf)
        }
        for k in 0..<2 {
            let p = v[2 &* k], q = v[2 &* k &+ 1]
            @inline(__always) func pick(_ low: Bool) -> SIMD16<T> {
                SIMD16(lowHalf: SIMD8(lowHalf: mix(p.lowHalf.lowHalf, q.lowHalf.lowHalf, low), highHalf: mix(p.lowHalf.highHalf, q.lowHalf.highHalf, low)),
                       highHalf: SIMD8(lowHalf: mix(p.highHalf.lowHalf, q.highHalf.lowHalf, low), highHalf: mix(p.highHalf.highHalf, q.highHalf.highHalf, low)))
            }
            v[k] = pick(true) + pick(false)
        }
    }

    @inline(never)
    @inlinable public static func sumLevel1<T: FlowScalar>(_ v: UnsafeMutablePointer<SIMD16<T>>) {
        let p = v[0], q = v[1]
        var first = SIMD16<T>(), second = SIMD16<T>()
        first.evenHalf = p.evenHalf; first.oddHalf = q.evenHalf
        second.evenHalf = p.oddHalf; second.oddHalf = q.oddHalf
        v[0] = first + second
    }

    /// The vector part of `dot`: the 16-lane partial sums before `horizontalSum` (chunks of 16 up to n / 16 · 16).
    @inline(__always)
    @inlinable public static func dotAccumulator<T: FlowScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> SIMD16<T> {
        // Four independent accumulators hide the FMA latency (one chain would wait ~4 cycles per chunk).
        var a0 = SIMD16<T>(), a1 = SIMD16<T>(), a2 = SIMD16<T>(), a3 = SIMD16<T>()
        var k = 0
        while k &+ 64 <= n {
            a0 = a0.addingProduct(load(x, k), load(y, k))
            a1 = a1.addingProduct(load(x, k &+ 16), load(y, k &+ 16))
            a2 = a2.addingProduct(load(x, k &+ 32), load(y, k &+ 32))
            a3 = a3.addingProduct(load(x, k &+ 48), load(y, k &+ 48))
            k &+= 64
        }
        var acc = (a0 + a1) + (a2 + a3)
        while k &+ 16 <= n {
            acc = acc.addingProduct(load(x, k), load(y, k))
            k &+= 16
        }
        return acc
    }

    /// Σ_k x[k]·y[k] with 4 × 16 independent partial sums (`dotAccumulator`), `horizontalSum`, then the scalar tail.
    @inline(__always)
    @inlinable public static func dot<T: FlowScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> T {
        var s = horizontalSum(dotAccumulator(x, y, n))
        var k = n / 16 &* 16
        while k < n { s += x[k] * y[k]; k &+= 1 }
        return s
    }

    /// dest[c] = initial[c] + Σ_{k<count} coef[k·coefStride] · m[k·mStride + c] for c < cols
    /// (initial = 0 when nil, coef = 1 when nil). `dest` may equal `initial`.
    ///
    /// This one kernel is every dense-layer product here: a forward row (initial = b, m = Wᵀ, coef = x_n),
    /// a bias gradient (m = δ, coef = 1), a weight-gradient row summed over a tile (m = x or δ), an input
    /// gradient row (m = W, coef = δ_n). Four 16-lane accumulators hide the FMA latency, and every
    /// output element is stored once per call rather than once per k.
    @inline(__always)
    @inlinable public static func combineRows<T: FlowScalar>(into dest: UnsafeMutablePointer<T>, initial: UnsafePointer<T>?, cols: Int, count: Int,
                                           m: UnsafePointer<T>, mStride: Int, coef: UnsafePointer<T>?, coefStride: Int) {
        var c = 0
        while c &+ 64 <= cols {
            var a0 = SIMD16<T>(), a1 = SIMD16<T>(), a2 = SIMD16<T>(), a3 = SIMD16<T>()
            if let initial { a0 = load(initial, c); a1 = load(initial, c &+ 16); a2 = load(initial, c &+ 32); a3 = load(initial, c &+ 48) }
            for k in 0..<count {
                let row = m + (k &* mStride &+ c)
                if let coef {
                    let w = SIMD16<T>(repeating: coef[k &* coefStride])
                    a0 = a0.addingProduct(w, load(row, 0)); a1 = a1.addingProduct(w, load(row, 16))
                    a2 = a2.addingProduct(w, load(row, 32)); a3 = a3.addingProduct(w, load(row, 48))
                } else {
                    a0 += load(row, 0); a1 += load(row, 16); a2 += load(row, 32); a3 += load(row, 48)
                }
            }
            store(a0, dest, c); store(a1, dest, c &+ 16); store(a2, dest, c &+ 32); store(a3, dest, c &+ 48)
            c &+= 64
        }
        while c &+ 16 <= cols {
            var a = SIMD16<T>()
            if let initial { a = load(initial, c) }
            for k in 0..<count {
                let v = load(m + k &* mStride, c)
                if let coef { a = a.addingProduct(SIMD16<T>(repeating: coef[k &* coefStride]), v) } else { a += v }
            }
            store(a, dest, c)
            c &+= 16
        }
        while c < cols {
            var a: T = initial?[c] ?? 0
            for k in 0..<count { a += (coef?[k &* coefStride] ?? 1) * m[k &* mStride &+ c] }
            dest[c] = a
            c &+= 1
        }
    }
}
