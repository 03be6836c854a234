/// The vector types the row-blocked kernels run in: `SIMD16` (AVX-512 blocks) and `SIMD8` (AVX2 and NEON
/// blocks, `RegisterFile.wideRowBlocks`), with the operations whose lowering needs the concrete lane count.
///
/// Each operation acts lane by lane exactly as its 16-lane counterpart on `FlowScalar` does (same select, same
/// rounding), so a kernel gives the same bits in either width as long as every lane sees the same sequence of
/// operations.
public protocol LaneVector: SIMD where Scalar: FlowScalar {
    /// `z > 0 ? z : 0` per lane (`FlowScalar.relu16`).
    static func relu(_ z: Self) -> Self
    /// `pre > 0 ? g : 0` per lane (`FlowScalar.reluBackward16`).
    static func reluBackward(_ g: Self, pre: Self) -> Self
    /// The vector at p + k, unaligned. Requirements with concrete bodies: written once generically, the raw
    /// loads and stores stayed calls to the standard library's generic `loadUnaligned` (measured 2× slower step).
    static func load(_ p: UnsafePointer<Scalar>, _ k: Int) -> Self
    func store(_ p: UnsafeMutablePointer<Scalar>, _ k: Int)
    /// `z > 0 ? z : slope·z` per lane (`FlowScalar.leakyRelu16`).
    static func leakyRelu(_ z: Self, slope: Scalar) -> Self
    /// `pre ≤ 0 ? g·slope : g` per lane (`FlowScalar.leakyReluBackward16`).
    static func leakyReluBackward(_ g: Self, pre: Self, slope: Scalar) -> Self
}

extension SIMD16: LaneVector where Scalar: FlowScalar {
    @inlinable @inline(__always) public static func relu(_ z: Self) -> Self { Scalar.relu16(z) }
    @inlinable @inline(__always) public static func reluBackward(_ g: Self, pre: Self) -> Self { Scalar.reluBackward16(g, pre: pre) }
    @inlinable @inline(__always) public static func load(_ p: UnsafePointer<Scalar>, _ k: Int) -> Self { VectorKernels.load(p, k) }
    @inlinable @inline(__always) public func store(_ p: UnsafeMutablePointer<Scalar>, _ k: Int) { VectorKernels.store(self, p, k) }
    @inlinable @inline(__always) public static func leakyRelu(_ z: Self, slope: Scalar) -> Self { Scalar.leakyRelu16(z, slope: slope) }
    @inlinable @inline(__always) public static func leakyReluBackward(_ g: Self, pre: Self, slope: Scalar) -> Self {
        Scalar.leakyReluBackward16(g, pre: pre, slope: slope)
    }
}

extension SIMD8: LaneVector where Scalar: FlowScalar {
    @inlinable @inline(__always) public static func relu(_ z: Self) -> Self { Scalar.relu8(z) }
    @inlinable @inline(__always) public static func reluBackward(_ g: Self, pre: Self) -> Self { Scalar.reluBackward8(g, pre: pre) }
    @inlinable @inline(__always) public static func load(_ p: UnsafePointer<Scalar>, _ k: Int) -> Self { VectorKernels.load8(p, k) }
    @inlinable @inline(__always) public func store(_ p: UnsafeMutablePointer<Scalar>, _ k: Int) { VectorKernels.store8(self, p, k) }
    @inlinable @inline(__always) public static func leakyRelu(_ z: Self, slope: Scalar) -> Self { Scalar.leakyRelu8(z, slope: slope) }
    @inlinable @inline(__always) public static func leakyReluBackward(_ g: Self, pre: Self, slope: Scalar) -> Self {
        Scalar.leakyReluBackward8(g, pre: pre, slope: slope)
    }
}
