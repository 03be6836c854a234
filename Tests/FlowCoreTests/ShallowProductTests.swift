import XCTest
@testable import FlowCore
import FlowKernels

/// `ShallowProductKernels` (products of depth 1 and 2 with ReLU or leaky ReLU fused into the stores) give
/// the bits of the plain product followed by the scalar activation rule, as the general product and its
/// separate epilogue pass did before.
final class ShallowProductTests: XCTestCase {
    func check(_ f: KernelActivation, forward: Bool, depth: Int, rows: Int, cols: Int, inPlace: Bool, start: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let ldc = cols, aRow = depth, ldb = cols, slope = Float(KernelActivation.leakySlope)
        XCTAssertTrue(ShallowProductKernels.handles(depth: depth, cols: cols,
                                                    epilogue: Epilogue<Float>.forward(f, post: UnsafeMutablePointer(bitPattern: 64)!)))
        var a = (0..<(rows * depth)).map { _ in Float(rng.normal()) }
        a[0] = .nan                                                            // row 0: NaN products
        if rows > 1 { for k in 0..<depth { a[aRow + k] = 0 } }                 // row 1: exact zeros (−0 with a −0 start)
        let b = (0..<(depth * ldb)).map { _ in Float(rng.normal()) }
        let bias: [Float]? = start == 1 ? (0..<cols).map { j in j % 7 == 0 ? -0.0 : Float(rng.normal()) } : nil
        let c0 = (0..<(rows * ldc)).map { k in k % 11 == 0 ? Float(-0.0) : Float(rng.normal()) }
        // Backward reads z (an earlier layer's pre-activation or its output) from `aux`, with NaN, ±0 and negatives.
        let z = (0..<(rows * ldc)).map { k in k % 13 == 0 ? Float.nan : (k % 5 == 0 ? Float(-0.0) : Float(rng.normal())) }
        let expectedProduct = plainProduct(rows: rows, cols: cols, depth: depth, a: a, aRow: aRow, aCol: 1, b: b, ldb: ldb,
                                      c: c0, ldc: ldc, bias: bias, accumulate: start == 2)
        var c = c0, aux = forward ? [Float](repeating: 7, count: rows * ldc) : z
        let biasStorage = bias ?? []
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in biasStorage.withUnsafeBufferPointer { biasp in
            c.withUnsafeMutableBufferPointer { cp in aux.withUnsafeMutableBufferPointer { xp in
                let cPointer = cp.baseAddress!, auxPointer = xp.baseAddress!
                let e: Epilogue<Float> = forward ? .forward(f, post: inPlace ? cPointer : auxPointer)
                    : .backward(f, pre: auxPointer, post: auxPointer)
                GemmKernels.multiply(rows: rows, cols: cols, depth: depth, a: ap.baseAddress!, aRow: aRow, aCol: 1,
                                     b: bp.baseAddress!, ldb: ldb, c: cPointer, ldc: ldc,
                                     bias: bias == nil ? nil : biasp.baseAddress!, accumulate: start == 2, epilogue: e)
            } }
        } } }
        let label = "\(f) forward \(forward) depth \(depth) rows \(rows) cols \(cols) in place \(inPlace) start \(start)"
        for k in 0..<(rows * ldc) {
            let s = expectedProduct[k]
            if forward {
                let y: Float = f == .relu ? (s > 0 ? s : 0) : (s > 0 ? s : slope * s)
                XCTAssertEqual((inPlace ? c : aux)[k].bitPattern, y.bitPattern, "\(label) post \(k)")
                if !inPlace { XCTAssertEqual(c[k].bitPattern, s.bitPattern, "\(label) pre \(k)") }
            } else {
                let g: Float = f == .relu ? (z[k] > 0 ? s : 0) : (z[k] <= 0 ? s * slope : s)
                XCTAssertEqual(c[k].bitPattern, g.bitPattern, "\(label) gradient \(k)")
            }
        }
    }

    func testFusedActivationsMatchProductThenScalarRule() {
        var seed: UInt64 = 40
        for f in [KernelActivation.relu, .leakyRelu] {
            for forward in [true, false] {
                for depth in [1, 2] {
                    for (rows, cols) in [(1, 16), (5, 64), (32, 256)] {
                        for inPlace in forward ? [true, false] : [true] {
                            for start in 0..<3 {
                                seed += 1
                                check(f, forward: forward, depth: depth, rows: rows, cols: cols, inPlace: inPlace, start: start, seed: seed)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Shapes the kernel does not take go through the general product (depth 3, 20 columns, tanh, no activation).
    func testOtherShapesAreNotTaken() {
        let post = UnsafeMutablePointer<Float>(bitPattern: 64)!
        XCTAssertFalse(ShallowProductKernels.handles(depth: 3, cols: 64, epilogue: Epilogue<Float>.forward(.relu, post: post)))
        XCTAssertFalse(ShallowProductKernels.handles(depth: 1, cols: 20, epilogue: Epilogue<Float>.forward(.relu, post: post)))
        XCTAssertFalse(ShallowProductKernels.handles(depth: 1, cols: 64, epilogue: Epilogue<Float>.forward(.tanh, post: post)))
        XCTAssertFalse(ShallowProductKernels.handles(depth: 1, cols: 64, epilogue: Epilogue<Float>.none))
    }
}
