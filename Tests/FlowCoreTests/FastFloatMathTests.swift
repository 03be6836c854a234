@testable import FlowCore
import Foundation
import XCTest
import FlowKernels

/// `FastFloatMath` against Foundation's Double functions (the exact value) at ≥ 10⁶ points each.
/// Error unit: |approximation − exact| / ulp(Float(exact)); 0.5 would be correctly rounded.
final class FastFloatMathTests: XCTestCase {
    /// The worst error over `points` and where it occurs.
    private func worstError(_ f: (Float) -> Float, _ exact: (Double) -> Double, _ points: [Float]) -> (ulps: Double, at: Float) {
        var worst = 0.0, at: Float = 0
        for x in points {
            let a = f(x), e = exact(Double(x)), r = Float(e)
            let error: Double
            if r.isInfinite || a.isInfinite || a.isNaN {
                error = a == r ? 0 : .infinity
            } else {
                error = abs(Double(a) - e) / Double(max(r.ulp, Float.leastNonzeroMagnitude))
            }
            if error > worst { worst = error; at = x }
        }
        return (worst, at)
    }

    private func grid(_ lo: Double, _ hi: Double, _ n: Int) -> [Float] {
        (0...n).map { Float(lo + (hi - lo) * Double($0) / Double(n)) }
    }

    /// Finite Float bit patterns drawn uniformly (all magnitudes, both signs).
    private func randomFloats(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        var out: [Float] = []
        while out.count < n {
            let x = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if x.isFinite { out.append(x) }
        }
        return out
    }

    /// Magnitudes 10⁻³⁰ … 10³⁰ spaced evenly in log, alternating signs.
    private func logGrid(_ n: Int) -> [Float] {
        (0..<n).map { i in
            let m = Float(pow(10, -30 + 60 * Double(i) / Double(n)))
            return i.isMultiple(of: 2) ? m : -m
        }
    }

    func testExpWithinOneUlp() {
        let normal = worstError(FastFloatMath.exp, Foundation.exp, grid(-87.3, 88.7, 1_000_000))
        XCTAssertLessThanOrEqual(normal.ulps, 1.0, "exp: worst at \(normal.at)")
        // Gradual underflow: the error counted in units of the subnormal spacing.
        let subnormal = worstError(FastFloatMath.exp, Foundation.exp, grid(-103.9, -87.4, 200_000))
        XCTAssertLessThanOrEqual(subnormal.ulps, 1.0, "exp (subnormal results): worst at \(subnormal.at)")
        let any = worstError(FastFloatMath.exp, Foundation.exp, randomFloats(1_000_000, seed: 1))
        XCTAssertLessThanOrEqual(any.ulps, 1.0, "exp (random bit patterns): worst at \(any.at)")
    }

    func testExpSpecialValues() {
        XCTAssertEqual(FastFloatMath.exp(0), 1)
        XCTAssertEqual(FastFloatMath.exp(-0.0), 1)
        XCTAssertEqual(FastFloatMath.exp(.infinity), .infinity)
        XCTAssertEqual(FastFloatMath.exp(-.infinity), 0)
        XCTAssertTrue(FastFloatMath.exp(.nan).isNaN)
        XCTAssertEqual(FastFloatMath.exp(88.72), expf(88.72))          // just below overflow
        XCTAssertEqual(FastFloatMath.exp(88.73), .infinity)            // just above
        XCTAssertEqual(FastFloatMath.exp(-103.97), expf(-103.97))      // the smallest subnormal
        XCTAssertEqual(FastFloatMath.exp(-110), 0)
    }

    func testAtanWithinThreeUlps() {
        for (name, points) in [("grid", grid(-10, 10, 1_000_000)), ("log grid", logGrid(1_000_000)),
                               ("random bit patterns", randomFloats(1_000_000, seed: 2))] {
            let w = worstError(FastFloatMath.atan, Foundation.atan, points)
            XCTAssertLessThanOrEqual(w.ulps, 3.0, "atan (\(name)): worst at \(w.at)")
        }
    }

    func testAtanSpecialValuesAndReductionBoundaries() {
        XCTAssertEqual(FastFloatMath.atan(.infinity), Float(Double.pi / 2))   // Float.pi / 2 is one ulp low
        XCTAssertEqual(FastFloatMath.atan(-.infinity), -Float(Double.pi / 2))
        XCTAssertEqual(FastFloatMath.atan(0), 0)
        XCTAssertEqual(FastFloatMath.atan(-0.0).sign, .minus)
        XCTAssertTrue(FastFloatMath.atan(.nan).isNaN)
        // Either side of tan(π/8) and tan(3π/8), where the reduction switches.
        for b in [Float(0.414_213_56), 2.414_213_6] {
            for x in [b.nextDown, b, b.nextUp] {
                XCTAssertEqual(Double(FastFloatMath.atan(x)), Foundation.atan(Double(x)), accuracy: 3 * Double(x.ulp))
            }
        }
    }

    func testTanhWithinOneAndAHalfUlps() {
        for (name, points) in [("grid", grid(-10, 10, 1_000_000)), ("log grid", logGrid(1_000_000)),
                               ("random bit patterns", randomFloats(1_000_000, seed: 3))] {
            let w = worstError(FastFloatMath.tanh, Foundation.tanh, points)
            XCTAssertLessThanOrEqual(w.ulps, 1.5, "tanh (\(name)): worst at \(w.at)")
        }
    }

    func testTanhSpecialValues() {
        XCTAssertEqual(FastFloatMath.tanh(.infinity), 1)
        XCTAssertEqual(FastFloatMath.tanh(-.infinity), -1)
        XCTAssertEqual(FastFloatMath.tanh(100), 1)
        XCTAssertEqual(FastFloatMath.tanh(0), 0)
        XCTAssertEqual(FastFloatMath.tanh(-0.0).sign, .minus)
        XCTAssertTrue(FastFloatMath.tanh(.nan).isNaN)
        // Either side of the switch between the polynomial and the exp form.
        for x in [Float(0.625).nextDown, 0.625, Float(0.625).nextUp, -0.625] {
            XCTAssertEqual(Double(FastFloatMath.tanh(x)), Foundation.tanh(Double(x)), accuracy: 1.5 * Double(x.ulp))
        }
    }

    /// The Float soft clamps (which now use these) against the Double ones, across the clamp's range.
    func testFloatSoftClampsFollowDouble() {
        for clamp in [SoftClamp.atan(2), .tanh(2)] {
            for raw in stride(from: -50.0, through: 50.0, by: 0.01) {
                let f: (s: Float, slope: Float) = clamp.apply(Float(raw))
                let d: (s: Double, slope: Double) = clamp.apply(Double(Float(raw)))
                XCTAssertEqual(Double(f.s), d.s, accuracy: 4e-7 * max(1, abs(d.s)), "\(clamp) s at \(raw)")
                XCTAssertEqual(Double(f.slope), d.slope, accuracy: 4e-7 * max(1, abs(d.slope)) + 1e-7, "\(clamp) slope at \(raw)")
            }
        }
    }

    func testLogWithinTwoUlps() {
        let uniforms = (0...1_000_000).map { Float(pow(2, -24 * Double($0) / 1_000_000)) }   // the sampler's range
        let w = worstError(FastFloatMath.log, Foundation.log, uniforms)
        XCTAssertLessThanOrEqual(w.ulps, 2.0, "log on [2⁻²⁴, 1]: worst at \(w.at)")
        let normals = (0...1_000_000).map { Float(pow(2, -125 + 252 * Double($0) / 1_000_000)) }
        let v = worstError(FastFloatMath.log, Foundation.log, normals)
        XCTAssertLessThanOrEqual(v.ulps, 2.0, "log on positive normal Floats: worst at \(v.at)")
        XCTAssertEqual(FastFloatMath.log(1), 0)
        XCTAssertEqual(FastFloatMath.log(0x1p-24), Float(-24 * Foundation.log(2.0)), accuracy: 2 * Float(16).ulp)
    }

    func testSinCosPiWithinTwoAndAHalfUlps() {
        let points = grid(-8, 8, 1_000_000)
        var worst = 0.0, at: Float = 0
        for x in points {
            let (s, c) = FastFloatMath.sinCosPi(x)
            for (a, e) in [(s, sin(Double.pi * Double(x))), (c, cos(Double.pi * Double(x)))] {
                let absolute = abs(Double(a) - e)
                guard absolute > 0x1p-24 else { continue }   // near a zero: absolute accuracy is what counts
                let ulps = absolute / Double(Float(e).ulp)
                if ulps > worst { worst = ulps; at = x }
            }
        }
        XCTAssertLessThanOrEqual(worst, 2.5, "sin/cos πx: worst at \(at)")
        XCTAssertEqual(FastFloatMath.sinCosPi(0.5).sin, 1)
        XCTAssertEqual(FastFloatMath.sinCosPi(1).cos, -1)
        XCTAssertEqual(FastFloatMath.sinCosPi(2).sin, 0)
    }

    /// The Box–Muller normals inside the W sampler: standardised a has the normal's 4th moment (3) and
    /// tail mass P(|z| > 1.96) = 0.05; the moment tests (DensityMomentTests) check mean and variance.
    func testWSamplerConditionalIsNormalShaped() throws {
        var rng = SeededGenerator(seed: 41)
        let n = 400_000
        let x = try WDensity().sample(count: n, using: &rng)
        var m4 = 0.0, tail = 0.0
        for i in 0..<n {
            let p = x[i, 0], z = (x[i, 1] - WShape.mean(p)) / WShape.std(p)
            m4 += z * z * z * z
            if abs(z) > 1.959_964 { tail += 1 }
            XCTAssertTrue(p >= -2 && p < 2, "p in [−2, 2)")
        }
        // Standard errors: √(E z⁸ − 9)/√n = √96/√n ≈ 0.015; √(0.05·0.95/n) ≈ 3.4e-4. Five of each.
        XCTAssertEqual(m4 / Double(n), 3, accuracy: 0.078)
        XCTAssertEqual(tail / Double(n), 0.05, accuracy: 0.0017)
    }

    /// An odd count keeps the first sample of a last full pair: the first N rows of an N + 1 sample.
    func testWSamplerOddCountIsPrefixOfNextEvenCount() throws {
        for count in [1, 5, 255, 257, 513] {
            var a = SeededGenerator(seed: 8), b = SeededGenerator(seed: 8)
            let odd = try WDensity().sample(count: count, using: &a), even = try WDensity().sample(count: count + 1, using: &b)
            XCTAssertEqual(Array(odd.values), Array(even.values.prefix(2 * count)), "count \(count)")
        }
    }

    func testSquareRootWithinOneUlp() {
        let points = (0...1_000_000).map { Float(pow(2, -126 + 253 * Double($0) / 1_000_001)) }
        let w = worstError(FastFloatMath.squareRoot, { $0.squareRoot() }, points)
        XCTAssertLessThanOrEqual(w.ulps, 1.0, "√x: worst at \(w.at)")
        XCTAssertEqual(FastFloatMath.squareRoot(0), 0)
        XCTAssertEqual(FastFloatMath.squareRoot(-2 * FastFloatMath.log(1)), 0, "u₁ = 1 gives radius 0, not NaN")
    }
}
