import XCTest
@testable import FlowCore
import FlowKernels

/// Sample statistics of one column or a product of two columns.
func columnMean(_ m: Matrix, _ j: Int) -> Double {
    (0..<m.rows).reduce(0.0) { $0 + m[$1, j] } / Double(m.rows)
}

func columnCovariance(_ m: Matrix, _ i: Int, _ j: Int) -> Double {
    let mi = columnMean(m, i), mj = columnMean(m, j)
    return (0..<m.rows).reduce(0.0) { $0 + (m[$1, i] - mi) * (m[$1, j] - mj) } / Double(m.rows - 1)
}

/// Asserts |measured − expected| ≤ tolerance with a message naming the quantity.
func assertClose(_ measured: Double, _ expected: Double, tolerance: Double, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssert(abs(measured - expected) <= tolerance,
              "\(what): measured \(measured), expected \(expected) ± \(tolerance)", file: file, line: line)
}

/// Composite Simpson rule on [a, b] with n (even) intervals.
func simpson(_ a: Double, _ b: Double, _ n: Int = 4000, _ f: (Double) -> Double) -> Double {
    let h = (b - a) / Double(n)
    var s = f(a) + f(b)
    for i in 1..<n { s += (i % 2 == 1 ? 4 : 2) * f(a + Double(i) * h) }
    return s * h / 3
}

/// C = start + A·B by plain loops, summing k in increasing order with one fused multiply-add per term: the
/// order `GemmKernels.multiply` promises for every element (and `ShallowProductKernels` keeps), so the
/// kernels' results must be bit-identical to it.
func plainProduct<T: FlowScalar>(rows: Int, cols: Int, depth: Int, a: [T], aRow: Int, aCol: Int, b: [T], ldb: Int,
                                 c: [T], ldc: Int, bias: [T]?, accumulate: Bool) -> [T] {
    var out = c
    for r in 0..<rows {
        for j in 0..<cols {
            var s: T = accumulate ? c[r * ldc + j] : (bias?[j] ?? 0)
            for k in 0..<depth { s = s.addingProduct(a[r * aRow + k * aCol], b[k * ldb + j]) }
            out[r * ldc + j] = s
        }
    }
    return out
}

extension FlowScalar {
    /// The bit pattern widened to 64 bits, for one comparison that covers Float and Double.
    var bitPattern64: UInt64 {
        if let f = self as? Float { return UInt64(f.bitPattern) }
        return (self as! Double).bitPattern
    }
}
