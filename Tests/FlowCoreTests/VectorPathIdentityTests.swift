import XCTest
@testable import FlowCore
import FlowKernels

/// The 16-lane paths that replaced scalar loops must give the scalar loops' bits: each test runs an
/// independent scalar reference, written out here, next to the library's vector code.
final class VectorPathIdentityTests: XCTestCase {
    /// Non-negative lanes of every kind (±0, subnormal, normal, huge, +∞) and NaN: the clamped vector
    /// root must equal `squareRoot()` bit for bit; a negative lane gives 0 (documented, never reached by Adam).
    func testSqrtNonNegative16MatchesScalarSquareRoot() {
        func check<T: FlowScalar>(_: T.Type, _ values: [T]) {
            for start in stride(from: 0, to: values.count, by: 16) {
                var z = SIMD16<T>()
                for i in 0..<16 { z[i] = values[(start + i) % values.count] }
                let r = T.sqrtNonNegative16(z)
                for i in 0..<16 {
                    let expected = z[i] < 0 ? T(0) : z[i].squareRoot()
                    XCTAssertEqual(r[i].bitPattern64, expected.bitPattern64, "\(T.self) lane \(z[i])")
                }
            }
        }
        check(Float.self, [0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-30, 0.25, 1, 2, 3, 1e30,
                           .greatestFiniteMagnitude, .infinity, .nan, -1, -.infinity, 7.5e-9, 123.456, 0.999_999])
        check(Double.self, [0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-300, 0.25, 1, 2, 3, 1e300,
                            .greatestFiniteMagnitude, .infinity, .nan, -1, -.infinity, 7.5e-9, 123.456, 0.999_999])
    }

    /// Leaky ReLU forward and backward over 37 values (two 16-lane blocks and a scalar tail), in place and
    /// out of place, against the scalar select `z > 0 ? z : 0.01·z` and `pre ≤ 0 ? g·0.01 : g` written here.
    func testLeakyReluVectorPathMatchesScalarSelect() {
        func check<T: FlowScalar>(_: T.Type, _ special: [T]) {
            let n = 37
            var pre = (0..<n).map { T(Double($0) - 18.5) * T(0.37) }
            for (i, v) in special.enumerated() { pre[3 * i % n] = v }
            let grad = (0..<n).map { T(Double($0 % 7) - 3.25) }
            let slope = T(0.01)
            let expected = pre.map { $0 > 0 ? $0 : slope * $0 }
            let expectedGrad = zip(pre, grad).map { $0 <= 0 ? $1 * slope : $1 }
            var post = [T](repeating: 0, count: n), inPlace = pre, g = grad
            pre.withUnsafeBufferPointer { p in
                post.withUnsafeMutableBufferPointer { ActivationKernels.forward(.leakyRelu, pre: p.baseAddress!, post: $0.baseAddress!, n) }
                g.withUnsafeMutableBufferPointer {
                    ActivationKernels.backward(.leakyRelu, pre: p.baseAddress!, post: p.baseAddress!, grad: $0.baseAddress!, n)
                }
            }
            inPlace.withUnsafeMutableBufferPointer { ActivationKernels.forward(.leakyRelu, pre: $0.baseAddress!, post: $0.baseAddress!, n) }
            for k in 0..<n {
                XCTAssertEqual(post[k].bitPattern64, expected[k].bitPattern64, "\(T.self) forward at \(pre[k])")
                XCTAssertEqual(inPlace[k].bitPattern64, expected[k].bitPattern64, "\(T.self) in-place forward at \(pre[k])")
                XCTAssertEqual(g[k].bitPattern64, expectedGrad[k].bitPattern64, "\(T.self) backward at \(pre[k])")
            }
        }
        check(Float.self, [0, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNormalMagnitude, -1e30])
        check(Double.self, [0, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNormalMagnitude, -1e300])
    }

    /// Adam over 37 parameters (two 16-lane blocks and a scalar tail) for 6 steps, in Float, against the
    /// textbook update written as a scalar loop with the kernel's order of operations.
    func testAdamVectorPathMatchesScalarReference() {
        let n = 37
        let cfg = AdamConfig(learningRate: 3e-3, weightDecay: 1e-4)
        var rng = SeededGenerator(seed: 5)
        var p = (0..<n).map { _ in Float(rng.normal()) }, m = [Float](repeating: 0, count: n), v = m
        var rp = p, rm = m, rv = m
        for t in 1...6 {
            let g = (0..<n).map { _ in Float(rng.normal() * 0.1) }
            p.withUnsafeMutableBufferPointer { pp in g.withUnsafeBufferPointer { gp in m.withUnsafeMutableBufferPointer { mp in
                v.withUnsafeMutableBufferPointer { vp in
                    AdamKernel.update(parameters: pp.baseAddress!, gradient: gp.baseAddress!, m: mp.baseAddress!, v: vp.baseAddress!,
                                      count: n, step: t, learningRate: cfg.learningRate, config: cfg)
                } } } }
            let b1 = Float(cfg.beta1), b2 = Float(cfg.beta2), eps = Float(cfg.epsilon), wd = Float(cfg.weightDecay)
            let stepSize = Float(cfg.learningRate / (1 - pow(cfg.beta1, Double(t))))
            let inv = Float(1 / (1 - pow(cfg.beta2, Double(t))).squareRoot())
            for k in 0..<n {
                let gk = g[k] + wd * rp[k]
                rm[k] = b1 * rm[k] + (1 - b1) * gk
                rv[k] = b2 * rv[k] + (1 - b2) * gk * gk
                rp[k] = rp[k] - stepSize * rm[k] / (rv[k].squareRoot() * inv + eps)
            }
            XCTAssertEqual(p.map(\.bitPattern), rp.map(\.bitPattern), "parameters after step \(t)")
            XCTAssertEqual(v.map(\.bitPattern), rv.map(\.bitPattern), "second moments after step \(t)")
        }
    }

    /// The mixture sampler (table and factors prepared once) against the per-draw textbook version:
    /// component by running sums of the weights, then μ + L ε with L the Cholesky factor.
    func testMixtureSamplerMatchesPerDrawReference() throws {
        let mixture = try GaussianMixture2D(weights: [0.2, 0.5, 0.3], means: [[-1, 0.5], [0, 0], [2, -1]],
                                            covariances: [[[0.5, 0.1], [0.1, 0.3]], [[1, -0.4], [-0.4, 0.8]], [[0.2, 0], [0, 0.2]]])
        var a = SeededGenerator(seed: 11), b = a
        let x = try mixture.sample(count: 2000, using: &a)
        let weights = mixture.components.map(\.weight)
        for i in 0..<2000 {
            let u = b.uniform() * weights.reduce(0, +)
            var acc = 0.0, k = weights.count - 1
            for (j, w) in weights.enumerated() { acc += w; if u < acc { k = j; break } }
            let c = mixture.components[k]
            let l00 = c.c00.squareRoot(), l10 = c.c01 / l00, l11 = (c.c11 - l10 * l10).squareRoot()
            let e0 = b.normal(), e1 = b.normal()
            XCTAssertEqual(x[i, 0].bitPattern, (c.mean[0] + l00 * e0).bitPattern, "row \(i)")
            XCTAssertEqual(x[i, 1].bitPattern, (c.mean[1] + l10 * e0 + l11 * e1).bitPattern, "row \(i)")
        }
        XCTAssertEqual(a.next(), b.next(), "both consumed the same random numbers")
    }
}
