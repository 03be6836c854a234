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
public enum ShallowProductKernels {
    public typealias V<T: FlowScalar> = SIMD16<T>

    /// Whether `multiply` handles a product of this shape and epilogue.
    @inline(__always)
    @inlinable public static func handles<T: FlowScalar>(depth: Int, cols: Int, epilogue e: Epilogue<T>) -> Bool {
        guard depth >= 1, depth <= 2, cols & 15 == 0, let f = e.activation, e.aux != nil else { return false }
        return f == .relu || f == .leakyRelu
    }

    /// C (rows × cols) = start + A·B with the epilogue's activation fused; see `GemmKernels.multiply` for the
    /// operands. Requires `handles(depth:cols:epilogue:)`.
    @inline(never)
    @inlinable public static func multiply<T: FlowScalar>(rows: Int, cols: Int, depth: Int,
                                        a: UnsafePointer<T>, aRow: Int, aCol: Int,
                                        b: UnsafePointer<T>, ldb: Int,
                                        c: UnsafeMutablePointer<T>, ldc: Int,
                                        bias: UnsafePointer<T>?, accumulate: Bool, epilogue e: Epilogue<T>) {
        let d = c.distance(to: e.aux!)
        // One loop per activation, direction and start, each with its store and start inlined: a switch inside
        // the loop cost an indirect jump per 16 elements, closures were not inlined (a call each), and the start
        // (C, the bias or 0) tested per 16 elements was 2 of the loop's 9 instructions (perf annotate, Fig. 1).
        if accumulate {
            loop(AccumulateStart.self, e, d, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias)
        } else if bias != nil {
            loop(BiasStart.self, e, d, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias)
        } else {
            loop(ZeroStart.self, e, d, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias)
        }
    }

    /// The store for the epilogue: forward keeps z at C + k unless the layer activates in place (d = 0).
    @inline(__always)
    @inlinable public static func loop<T: FlowScalar, Start: ShallowStart>(_: Start.Type, _ e: Epilogue<T>, _ d: Int, _ rows: Int, _ cols: Int,
                                                         _ depth: Int, _ a: UnsafePointer<T>, _ aRow: Int, _ aCol: Int,
                                                         _ b: UnsafePointer<T>, _ ldb: Int, _ c: UnsafeMutablePointer<T>, _ ldc: Int,
                                                         _ bias: UnsafePointer<T>?) {
        switch (e.activation == .relu, e.forward, d == 0) {
        case (true, true, false): rowsLoop(ReluForward.self, Start.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, d)
        case (true, true, true): rowsLoop(ReluForwardInPlace.self, Start.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, d)
        case (true, false, _): rowsLoop(ReluBackward.self, Start.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, d)
        case (false, true, false): rowsLoop(LeakyForward.self, Start.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, d)
        case (false, true, true): rowsLoop(LeakyForwardInPlace.self, Start.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, d)
        case (false, false, _): rowsLoop(LeakyBackward.self, Start.self, rows, cols, depth, a, aRow, aCol, b, ldb, c, ldc, bias, d)
        }
    }

    /// For each row and each 16 columns: s = start, s += A[r, k]·B[k, ·] for k < depth (1 or 2), then `S.put`.
    @inline(__always)
    @inlinable public static func rowsLoop<T: FlowScalar, S: ShallowStore, Start: ShallowStart>(_: S.Type, _: Start.Type, _ rows: Int, _ cols: Int,
                                                                              _ depth: Int, _ a: UnsafePointer<T>, _ aRow: Int, _ aCol: Int,
                                                                              _ b: UnsafePointer<T>, _ ldb: Int, _ c: UnsafeMutablePointer<T>,
                                                                              _ ldc: Int, _ bias: UnsafePointer<T>?, _ d: Int) {
        let b1 = b + ldb
        for r in 0..<rows {
            let cr = c + r &* ldc, ar = a + r &* aRow
            let x0 = V<T>(repeating: ar[0])
            if depth == 1 {
                var k = 0
                while k < cols {
                    S.put(Start.start(cr, bias, k).addingProduct(x0, VectorKernels.load(b, k)), cr, k, d)
                    k &+= 16
                }
            } else {
                let x1 = V<T>(repeating: ar[aCol])
                var k = 0
                while k < cols {
                    let s = Start.start(cr, bias, k).addingProduct(x0, VectorKernels.load(b, k))
                    S.put(s.addingProduct(x1, VectorKernels.load(b1, k)), cr, k, d)
                    k &+= 16
                }
            }
        }
    }
}

/// Where an element's sum starts (`GemmOperands.start`, with the choice made once per product).
public protocol ShallowStart {
    static func start<T: FlowScalar>(_ c: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>?, _ k: Int) -> SIMD16<T>
}

public enum AccumulateStart: ShallowStart {
    @inlinable @inline(__always) public static func start<T: FlowScalar>(_ c: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>?, _ k: Int) -> SIMD16<T> {
        VectorKernels.load(UnsafePointer(c), k)
    }
}

public enum BiasStart: ShallowStart {
    @inlinable @inline(__always) public static func start<T: FlowScalar>(_ c: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>?, _ k: Int) -> SIMD16<T> {
        VectorKernels.load(bias.unsafelyUnwrapped, k)
    }
}

public enum ZeroStart: ShallowStart {
    @inlinable @inline(__always) public static func start<T: FlowScalar>(_ c: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>?, _ k: Int) -> SIMD16<T> {
        SIMD16<T>()
    }
}

/// How `ShallowProductKernels` stores s at C + k: forward, f(s) at C + d + k and s at C + k (in place, d = 0:
/// f(s) only); backward, s · f′(z) at C + k with z at C + d + k.
public protocol ShallowStore {
    static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int)
}

public enum ReluForward: ShallowStore {
    @inlinable @inline(__always) public static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        VectorKernels.store(s, p, k)
        VectorKernels.store(T.relu16(s), p + d, k)
    }
}

public enum ReluForwardInPlace: ShallowStore {
    @inlinable @inline(__always) public static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        VectorKernels.store(T.relu16(s), p, k)
    }
}

public enum ReluBackward: ShallowStore {
    @inlinable @inline(__always) public static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        VectorKernels.store(T.reluBackward16(s, pre: VectorKernels.load(UnsafePointer(p + d), k)), p, k)
    }
}

public enum LeakyForward: ShallowStore {
    @inlinable @inline(__always) public static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        VectorKernels.store(s, p, k)
        VectorKernels.store(T.leakyRelu16(s, slope: T(KernelActivation.leakySlope)), p + d, k)
    }
}

public enum LeakyForwardInPlace: ShallowStore {
    @inlinable @inline(__always) public static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        VectorKernels.store(T.leakyRelu16(s, slope: T(KernelActivation.leakySlope)), p, k)
    }
}

public enum LeakyBackward: ShallowStore {
    @inlinable @inline(__always) public static func put<T: FlowScalar>(_ s: SIMD16<T>, _ p: UnsafeMutablePointer<T>, _ k: Int, _ d: Int) {
        VectorKernels.store(T.leakyReluBackward16(s, pre: VectorKernels.load(UnsafePointer(p + d), k), slope: T(KernelActivation.leakySlope)), p, k)
    }
}
