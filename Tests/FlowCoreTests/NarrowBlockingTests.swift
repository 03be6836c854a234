import XCTest
@testable import FlowCore
import FlowKernels

/// The narrow layer's kernels (H → 2) in both row blockings, 16-lane blocks for AVX-512 (`wide`) and smaller ones
/// for AVX2 and NEON, against scalar references written here: both must give the reference's bits on every target.
final class NarrowBlockingTests: XCTestCase {
    /// ⟨x, w⟩ as `NarrowKernels.forwardPair` defines it: 16 lanes, each summing its chunks' products with one FMA
    /// per chunk, the lanes added by halving (8, 4, 2, 1 apart), then the scalar tail by FMAs, then the bias.
    func referenceDot(_ x: ArraySlice<Float>, _ w: ArraySlice<Float>, bias: Float) -> Float {
        let n = x.count, chunks = n / 16 * 16
        let xs = Array(x), ws = Array(w)
        var lanes = [Float](repeating: 0, count: 16)
        for c in stride(from: 0, to: chunks, by: 16) {
            for j in 0..<16 { lanes[j] = lanes[j].addingProduct(xs[c + j], ws[c + j]) }
        }
        var width = 8
        while width >= 1 {
            for j in 0..<width { lanes[j] = lanes[j] + lanes[j + width] }
            width /= 2
        }
        var s = lanes[0]
        for k in chunks..<n { s = s.addingProduct(xs[k], ws[k]) }
        return bias + s
    }

    func testForwardPairBlockingsMatchReference() {
        var rng = SeededGenerator(seed: 61)
        for (rows, n) in [(32, 64), (19, 64), (8, 256), (13, 37), (3, 16)] {
            let x = (0..<(rows * n)).map { _ in Float(rng.normal()) }
            let w = (0..<(2 * n)).map { _ in Float(rng.normal()) }
            let b: [Float] = [Float(rng.normal()), Float(rng.normal())]
            for wide in [true, false] {
                var y = [Float](repeating: .nan, count: rows * 2)
                x.withUnsafeBufferPointer { xp in w.withUnsafeBufferPointer { wp in b.withUnsafeBufferPointer { bp in
                    y.withUnsafeMutableBufferPointer { yp in
                        NarrowKernels.forwardPair(x: xp.baseAddress!, rows: rows, inCount: n, w: wp.baseAddress!, b: bp.baseAddress!,
                                                  y: yp.baseAddress!, wide: wide)
                    }
                } } }
                for r in 0..<rows {
                    for o in 0..<2 {
                        let expected = referenceDot(x[(r * n)..<((r + 1) * n)], w[(o * n)..<((o + 1) * n)], bias: b[o])
                        XCTAssertEqual(y[r * 2 + o].bitPattern, expected.bitPattern, "rows \(rows) n \(n) wide \(wide): y[\(r), \(o)]")
                    }
                }
            }
        }
    }

    /// d₀[c] += Σ_k coef[2k]·m[k, c], d₁ likewise with coef[2k + 1]: one FMA per term in k order in the vector columns
    /// (multiples of 32), a multiply and an add in the scalar tail.
    func testAccumulateRowPairBlockingsMatchReference() {
        var rng = SeededGenerator(seed: 62)
        for (count, cols) in [(32, 64), (7, 128), (5, 96), (9, 80), (4, 17)] {
            let m = (0..<(count * cols)).map { _ in Float(rng.normal()) }
            let coef = (0..<(2 * count)).map { _ in Float(rng.normal()) }
            let start = (0..<(2 * cols)).map { _ in Float(rng.normal()) }
            var expected = start
            let vector = cols / 32 * 32
            for c in 0..<cols {
                for o in 0..<2 {
                    var a = start[o * cols + c]
                    for k in 0..<count {
                        a = c < vector ? a.addingProduct(coef[2 * k + o], m[k * cols + c]) : a + coef[2 * k + o] * m[k * cols + c]
                    }
                    expected[o * cols + c] = a
                }
            }
            for wide in [true, false] {
                var d = start
                m.withUnsafeBufferPointer { mp in coef.withUnsafeBufferPointer { cp in d.withUnsafeMutableBufferPointer { dp in
                    VectorKernels.accumulateRowPair(dp.baseAddress!, dp.baseAddress! + cols, cols: cols, count: count,
                                                    m: mp.baseAddress!, mStride: cols, coef: cp.baseAddress!, coefStride: 2, wide: wide)
                } } }
                XCTAssertEqual(d.map(\.bitPattern), expected.map(\.bitPattern), "count \(count) cols \(cols) wide \(wide)")
            }
        }
    }
}
