/// SIMD building blocks of the network math: y += a·x, dot products, sums and element-wise maps
/// over raw pointers, in 16-lane chunks with a scalar tail.
///
/// Sixteen lanes fill one AVX-512 register in `Float` (two in `Double`); `addingProduct` becomes a
/// fused multiply-add when built with `-target-cpu native`.
enum VectorKernels {
    typealias V<T: FlowScalar> = SIMD16<T>

    @inline(__always)
    static func load<T: FlowScalar>(_ p: UnsafePointer<T>, _ k: Int) -> SIMD16<T> {
        UnsafeRawPointer(p + k).loadUnaligned(as: SIMD16<T>.self)
    }

    @inline(__always)
    static func store<T: FlowScalar>(_ v: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int) {
        UnsafeMutableRawPointer(p + k).storeBytes(of: v, as: SIMD16<T>.self)
    }

    /// y[0..<n] += a · x[0..<n].
    @inline(__always)
    static func axpy<T: FlowScalar>(_ a: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int) {
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
    static func add<T: FlowScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int) {
        var k = 0
        while k &+ 16 <= n {
            store(load(UnsafePointer(y), k) + load(x, k), y, k)
            k &+= 16
        }
        while k < n { y[k] += x[k]; k &+= 1 }
    }

    /// The sum of 16 lanes as a tree of halvings (`SIMD.sum()` lowers to 15 dependent scalar adds).
    @inline(__always)
    static func horizontalSum<T: FlowScalar>(_ v: SIMD16<T>) -> T {
        let s8 = v.lowHalf + v.highHalf
        let s4 = s8.lowHalf + s8.highHalf
        let s2 = s4.lowHalf + s4.highHalf
        return s2[0] + s2[1]
    }

    /// Σ_k x[k]·y[k] with 4 × 16 independent partial sums.
    @inline(__always)
    static func dot<T: FlowScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> T {
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
        var s = horizontalSum(acc)
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
    static func combineRows<T: FlowScalar>(into dest: UnsafeMutablePointer<T>, initial: UnsafePointer<T>?, cols: Int, count: Int,
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
