import Foundation

/// The floating-point types the generic network math runs in: `Double` (gradient checks, exact
/// evaluation) and `Float` (training hot path).
///
/// The math is written once, generically, in FlowKernels; every declaration there is `@inlinable`, so
/// FlowCore's whole-module optimisation specialises it for both types and nothing generic is called across
/// the module boundary in the hot path.
public protocol FlowScalar: BinaryFloatingPoint, SIMDScalar, Codable {
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func atan(_ x: Self) -> Self
    /// exp, atan and tanh of the coupling's hot loops: Foundation's in Double (exact evaluation and gradient
    /// checks), `FastFloatMath`'s branch-free versions in Float (vectorisable; a few ulp).
    static func fastExp(_ x: Self) -> Self
    static func fastAtan(_ x: Self) -> Self
    static func fastTanh(_ x: Self) -> Self
    /// ReLU on 16 lanes, `z > 0 ? z : 0`, and its backward `pre > 0 ? g : 0`. Requirements implemented per
    /// concrete type: SIMD selects written generically do not lower to vector compares (measured 4× slower).
    static func relu16(_ z: SIMD16<Self>) -> SIMD16<Self>
    static func reluBackward16(_ g: SIMD16<Self>, pre: SIMD16<Self>) -> SIMD16<Self>
    /// The same on 8 lanes (the AVX2 and NEON row blocks).
    static func relu8(_ z: SIMD8<Self>) -> SIMD8<Self>
    static func reluBackward8(_ g: SIMD8<Self>, pre: SIMD8<Self>) -> SIMD8<Self>
}

extension Double: FlowScalar {
    @inlinable @inline(__always) public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable @inline(__always) public static func log(_ x: Double) -> Double { Foundation.log(x) }
    @inlinable @inline(__always) public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inlinable @inline(__always) public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inlinable @inline(__always) public static func atan(_ x: Double) -> Double { Foundation.atan(x) }
    @inlinable @inline(__always) public static func fastExp(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable @inline(__always) public static func fastAtan(_ x: Double) -> Double { Foundation.atan(x) }
    @inlinable @inline(__always) public static func fastTanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inlinable @inline(__always) public static func relu16(_ z: SIMD16<Double>) -> SIMD16<Double> { z.replacing(with: 0, where: .!(z .> 0)) }
    @inlinable @inline(__always) public static func reluBackward16(_ g: SIMD16<Double>, pre: SIMD16<Double>) -> SIMD16<Double> {
        g.replacing(with: 0, where: .!(pre .> 0))
    }
    @inlinable @inline(__always) public static func relu8(_ z: SIMD8<Double>) -> SIMD8<Double> { z.replacing(with: 0, where: .!(z .> 0)) }
    @inlinable @inline(__always) public static func reluBackward8(_ g: SIMD8<Double>, pre: SIMD8<Double>) -> SIMD8<Double> {
        g.replacing(with: 0, where: .!(pre .> 0))
    }
}

extension Float: FlowScalar {
    @inlinable @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.expf(x) }
    @inlinable @inline(__always) public static func log(_ x: Float) -> Float { Foundation.logf(x) }
    @inlinable @inline(__always) public static func log1p(_ x: Float) -> Float { Foundation.log1pf(x) }
    @inlinable @inline(__always) public static func tanh(_ x: Float) -> Float { Foundation.tanhf(x) }
    @inlinable @inline(__always) public static func atan(_ x: Float) -> Float { Foundation.atanf(x) }
    @inlinable @inline(__always) public static func fastExp(_ x: Float) -> Float { FastFloatMath.exp(x) }
    @inlinable @inline(__always) public static func fastAtan(_ x: Float) -> Float { FastFloatMath.atan(x) }
    @inlinable @inline(__always) public static func fastTanh(_ x: Float) -> Float { FastFloatMath.tanh(x) }
    @inlinable @inline(__always) public static func relu16(_ z: SIMD16<Float>) -> SIMD16<Float> { z.replacing(with: 0, where: .!(z .> 0)) }
    @inlinable @inline(__always) public static func reluBackward16(_ g: SIMD16<Float>, pre: SIMD16<Float>) -> SIMD16<Float> {
        g.replacing(with: 0, where: .!(pre .> 0))
    }
    @inlinable @inline(__always) public static func relu8(_ z: SIMD8<Float>) -> SIMD8<Float> { z.replacing(with: 0, where: .!(z .> 0)) }
    @inlinable @inline(__always) public static func reluBackward8(_ g: SIMD8<Float>, pre: SIMD8<Float>) -> SIMD8<Float> {
        g.replacing(with: 0, where: .!(pre .> 0))
    }
}

extension FlowScalar {
    /// The IEEE square root of 16 lanes that are ≥ 0 or NaN (a negative lane gives 0, not NaN). `SIMD16.squareRoot()`
    /// lowers to 16 scalar `sqrtf` calls, each behind an errno branch for negative input; clamping first lets
    /// LLVM prove the argument non-negative and emit one vector square root (measured: Adam 10 % → 2 % of a
    /// layer-wise training step). Same bits as `squareRoot()` on every lane ≥ 0, −0 and NaN included.
    /// One generic body serves both types: a per-lane scalar loop, unlike the SIMD-mask selects of `relu16`,
    /// specialises to one vector square root for Float and Double alike.
    @inlinable @inline(__always) public static func sqrtNonNegative16(_ z: SIMD16<Self>) -> SIMD16<Self> {
        var r = SIMD16<Self>()
        for i in 0..<16 { let x = z[i]; r[i] = (x < 0 ? 0 : x).squareRoot() }
        return r
    }

    /// Leaky ReLU on 16 lanes, `z > 0 ? z : slope·z` (the scalar loop's select, lane by lane: same bits, NaN included).
    @inlinable @inline(__always) public static func leakyRelu16(_ z: SIMD16<Self>, slope: Self) -> SIMD16<Self> {
        var r = SIMD16<Self>()
        for i in 0..<16 { let x = z[i]; r[i] = x > 0 ? x : slope * x }
        return r
    }

    /// Its backward, `pre ≤ 0 ? g·slope : g` (NaN pre leaves g unchanged, as the scalar loop does).
    @inlinable @inline(__always) public static func leakyReluBackward16(_ g: SIMD16<Self>, pre: SIMD16<Self>, slope: Self) -> SIMD16<Self> {
        var r = SIMD16<Self>()
        for i in 0..<16 { let x = pre[i], y = g[i]; r[i] = x <= 0 ? y * slope : y }
        return r
    }

    /// The same two on 8 lanes (the AVX2 and NEON row blocks).
    @inlinable @inline(__always) public static func leakyRelu8(_ z: SIMD8<Self>, slope: Self) -> SIMD8<Self> {
        var r = SIMD8<Self>()
        for i in 0..<8 { let x = z[i]; r[i] = x > 0 ? x : slope * x }
        return r
    }

    @inlinable @inline(__always) public static func leakyReluBackward8(_ g: SIMD8<Self>, pre: SIMD8<Self>, slope: Self) -> SIMD8<Self> {
        var r = SIMD8<Self>()
        for i in 0..<8 { let x = pre[i], y = g[i]; r[i] = x <= 0 ? y * slope : y }
        return r
    }
}

/// A fixed-capacity, uninitialised-then-zeroed heap buffer owned by a class, so that workspaces
/// allocate once and the hot loops work on raw pointers (no bounds or overflow checks, no CoW).
public final class ScalarBuffer<T: FlowScalar> {
    public let pointer: UnsafeMutablePointer<T>
    public let count: Int

    @inlinable public init(count: Int) {
        self.count = count
        pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }

    @inlinable public func zero() { pointer.update(repeating: 0, count: count) }
}
