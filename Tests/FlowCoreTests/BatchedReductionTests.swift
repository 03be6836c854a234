import XCTest
@testable import FlowCore
import FlowKernels

/// The batched horizontal sums (`VectorKernels.horizontalSums16`) and the kernels that use them must give the
/// bits of one `horizontalSum` / `dot` per row: the blocked paths may only change speed, never results.
final class BatchedReductionTests: XCTestCase {
    func randomVectors<T: FlowScalar>(_: T.Type, _ count: Int, _ rng: inout SeededGenerator) -> [T] {
        // Mixed magnitudes make rounding depend on the summation order, so a changed order would show.
        (0..<count).map { _ in T(rng.normal() * Foundation.exp(4 * rng.normal())) }
    }

    /// Sign, exponent and significand bits, so that −0 ≠ +0 and every rounding difference shows.
    func bits<T: FlowScalar>(_ x: T) -> String { "\(x.sign) \(x.exponentBitPattern) \(x.significandBitPattern)" }

    func checkSums<T: FlowScalar>(_: T.Type) {
        var rng = SeededGenerator(seed: 41)
        for _ in 0..<20 {
            let values = randomVectors(T.self, 256, &rng)
            var expected = [T](), got = [T](repeating: 0, count: 16)
            values.withUnsafeBufferPointer { p in
                let vectors = (0..<16).map { VectorKernels.load(p.baseAddress!, 16 * $0) }
                expected = vectors.map { VectorKernels.horizontalSum($0) }
                withUnsafeTemporaryAllocation(of: SIMD16<T>.self, capacity: 16) { buffer in
                    for i in 0..<16 { buffer[VectorKernels.sumSlot(i)] = vectors[i] }
                    let sums = VectorKernels.horizontalSums16(buffer.baseAddress!)
                    for i in 0..<16 { got[i] = sums[i] }
                }
            }
            XCTAssertEqual(got.map(bits), expected.map(bits))
        }
    }

    func testHorizontalSums16MatchHorizontalSum() {
        checkSums(Float.self)
        checkSums(Double.self)
    }

    /// `forwardPair` on 11 rows (one 8-row block and 3 remainder rows) against one (row, output) at a time, for widths
    /// with (37) and without (32, 64) a scalar tail.
    func testForwardPairMatchesRowDots() {
        var rng = SeededGenerator(seed: 42)
        for n in [32, 37, 64] {
            let rows = 11
            let x = randomVectors(Float.self, rows * n, &rng), w = randomVectors(Float.self, 2 * n, &rng)
            let b = randomVectors(Float.self, 2, &rng)
            var y = [Float](repeating: 0, count: rows * 2), expected = y
            x.withUnsafeBufferPointer { xp in
                w.withUnsafeBufferPointer { wp in
                    NarrowKernels.forwardPair(x: xp.baseAddress!, rows: rows, inCount: n, w: wp.baseAddress!, b: b, y: &y)
                    // The documented order: one accumulator over the 16-lane chunks, `horizontalSum`, the fused
                    // scalar tail, then the bias.
                    for r in 0..<rows {
                        for o in 0..<2 {
                            let xr = xp.baseAddress! + r * n, wo = wp.baseAddress! + o * n
                            var acc = SIMD16<Float>(), k = 0
                            while k + 16 <= n { acc = acc.addingProduct(VectorKernels.load(xr, k), VectorKernels.load(wo, k)); k += 16 }
                            var sum = VectorKernels.horizontalSum(acc)
                            while k < n { sum = sum.addingProduct(xr[k], wo[k]); k += 1 }
                            expected[r * 2 + o] = b[o] + sum
                        }
                    }
                }
            }
            XCTAssertEqual(y.map(\.bitPattern), expected.map(\.bitPattern), "H = \(n)")
        }
    }

    /// The input gradient of a 1 → H layer (16 rows at a time, then single rows) against per-row `dot`, for
    /// H = 64 and H = 40 (scalar tail), 37 rows.
    func testOneInputGradientMatchesRowDots() {
        var rng = SeededGenerator(seed: 43)
        for h in [64, 40] {
            let rows = 37
            let x = randomVectors(Float.self, rows, &rng), dy = randomVectors(Float.self, rows * h, &rng)
            let wT = randomVectors(Float.self, h, &rng)
            var gW = [Float](repeating: 0, count: h), gWT = gW, gB = gW
            var dx = [Float](repeating: 0, count: rows), expected = dx
            x.withUnsafeBufferPointer { xp in
                dy.withUnsafeBufferPointer { dyp in
                    wT.withUnsafeBufferPointer { wTp in
                        LinearKernels.backward(x: xp.baseAddress!, dy: dyp.baseAddress!, rows: rows, inCount: 1, outCount: h,
                                               w: wTp.baseAddress!, wT: wTp.baseAddress!, gW: &gW, gWT: &gWT, gB: &gB,
                                               dx: &dx, inputActivation: nil, xPre: xp.baseAddress!)
                        for r in 0..<rows { expected[r] = VectorKernels.dot(dyp.baseAddress! + r * h, wTp.baseAddress!, h) }
                    }
                }
            }
            XCTAssertEqual(dx.map(\.bitPattern), expected.map(\.bitPattern), "H = \(h)")
        }
    }
}
