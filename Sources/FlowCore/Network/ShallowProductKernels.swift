/// Products of depth 1 or 2 with a ReLU-type activation applied before each store: the input layer
/// 1 → H forward (z = b + x·w, then f(z)) and the input gradient of the output layer H → 2
/// ((Δ·W) ⊙ f′(z)), 16 columns at a time.
///
/// Why: at these depths a product is one or two FMAs per element, so the activation's separate pass over
/// the finished rows (`Epilogue`) cost as much as the product itself. perf: the activation passes were 19 %
/// of Fig. 1 and Example 1a (subnet 1 → 256 → 2) and about 7 % of a deep training step.
/// Same bits as `GemmKernels.multiply` followed by the epilogue: each element starts from the same value
/// (C, the bias or 0), adds its k terms in increasing k with one fused multiply-add each, and goes
/// through the same lane select (`relu16`, `reluBackward16`, `leakyRelu16`, `leakyReluBackward16`).
enum ShallowProductKernels {
    typealias V<T: FlowScalar> = SIMD16<T>

    /// Whether `multiply` handles a product of this shape and epilogue.
    @inline(__always)
    static func handles<T: FlowScalar>(depth: Int, cols: Int, epilogue e: Epilogue<T>) -> Bool {
        guard depth >= 1, depth <= 2, cols & 15 == 0, let f = e.activation, e.aux != nil else { return false }
        return f == .relu || f == .leakyRelu
    }

    /// C (rows × cols) = start + A·B with the epilogue's activation fused; see `GemmKernels.multiply` for the
    /// operands. Requires `handles(depth:cols:epilogue:)`.
    @inline(never)
    static func multiply<T: FlowScalar>(rows: Int, cols: Int, depth: Int,
                                        a: UnsafePointer<T>, aRow: Int, aCol: Int,
                                        b: UnsafePointer<T>, ldb: Int,
                                        c: UnsafeMutablePointer<T>, ldc: Int,
                                        bias: UnsafePointer<T>?, accumulate: Bool, epilogue e: Epilogue<T>) {
        let d = c.distance(to: e.aux!)
        // One loop per activation and direction, each with its store inlined (a switch inside the loop cost an
        // indirect jump per 16 elements, and closures were not inlined: a call each).
        switch (e.activation == .relu, e.forward) {
        case (true, true): rowsLoop(ReluForward.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, accumulate, d)
        case (true, false): rowsLoop(ReluBackward.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, accumulate, d)
        case (false, true): rowsLoop(LeakyForward.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, accumulate, d)
        case (false, false): rowsLoop(LeakyBackward.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, accumulate, d)
        }
    }

    /// For each row and each 16 columns: s = start, s += A[r, k]·B[k, ·] for k < depth (1 or 2), then `S.put`.
    @inline(__always)
    static func rowsLoop<T: FlowScalar, S: ShallowStore>(_: S.Type, _ rows: Int, _ cols: Int, _ depth: Int,
                                                         _ a: UnsafePointer<T>, _ aRow: Int, _ aCol: Int,
                                                         _ b: UnsafePointer<T>, _ ldb: Int, _ c: UnsafeMutablePointer<T>, _ ldc: Int,
                                                         _ bias: UnsafePointer<T>?, _ accumulate: Bool, _ d: Int) {
        let b1 = b + ldb
        for r in 0..<rows {
            let cr = c + r &* ldc, ar = a + r &* aRow
            let x0 = V<T>(repeating: ar[0])
            if depth == 1 {
                var k = 0
                while k < cols {
                    S.put(GemmKernels.start(cr, bias, accumulate, k).addingProduct(x0, VectorKernels.load(b, k)), cr, k, d)
                    k &+= 16
                }
            } else {
                let x1 = V<T>(repeating: ar[aCol])
                var k = 0
                while k < cols {
                    let s = GemmKernels.start(cr, bias, accumulate, k).addingProduct(x0, VectorKernels.load(b, k))
                    S.put(s.addingProduct(x1, VectorKernels.load(b1, k)), cr, k, d)
                    k &+= 16
                }
            }
        }
    }
}

/// How `ShallowProductKernels` stores s at C + k: forward, f(s) at C + d + k (and s at C + k unless d = 0, a
/// layer that activates in place); backward, s · f′(z) at C + k with z at C + d + k.
protocol ShallowStore {
    static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int)
}

enum ReluForward: ShallowStore {
    @inline(__always) static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        if d != 0 { VectorKernels.store(s, p, k) }
        VectorKernels.store(T.relu16(s), p + d, k)
    }
}

enum ReluBackward: ShallowStore {
    @inline(__always) static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        VectorKernels.store(T.reluBackward16(s, pre: VectorKernels.load(UnsafePointer(p + d), k)), p, k)
    }
}

enum LeakyForward: ShallowStore {
    @inline(__always) static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        if d != 0 { VectorKernels.store(s, p, k) }
        VectorKernels.store(T.leakyRelu16(s, slope: T(Activation.leakySlope)), p + d, k)
    }
}

enum LeakyBackward: ShallowStore {
    @inline(__always) static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        VectorKernels.store(T.leakyReluBackward16(s, pre: VectorKernels.load(UnsafePointer(p + d), k), slope: T(Activation.leakySlope)), p, k)
    }
}
