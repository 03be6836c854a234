import XCTest
@testable import FlowCore

/// Central finite differences in Double, shared by every gradient test of FlowCore.
///
/// Step h = 1e-6 balances truncation error O(h²) and rounding error O(ε/h); the allowed
/// |analytic − numeric| is 1e-6 · max(1, |numeric|): central differences at this step are accurate
/// to ~1e-8 for these smooth (or piecewise-smooth, away from kinks) functions.
extension XCTestCase {
    /// Random matrix with entries N(0, scale²).
    func randomMatrix(_ rows: Int, _ cols: Int, _ rng: inout SeededGenerator, scale: Double = 1) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        for k in m.values.indices { m.values[k] = scale * rng.normal() }
        return m
    }

    /// Randomises all parameters of an MLP (so a zero last layer does not hide gradient bugs).
    func randomized(_ net: MLP, _ rng: inout SeededGenerator, scale: Double = 0.5) throws -> MLP {
        var n = net
        try n.setParameters(net.parameters.map { _ in scale * rng.normal() })
        return n
    }

    /// Asserts `analytic[k]` against the central difference of `f(k, ±h)` for every k.
    func assertGradient(_ analytic: [Double], _ f: (Int, Double) throws -> Double, _ what: String,
                        step: Double = 1e-6, tolerance: Double = 1e-6,
                        file: StaticString = #filePath, line: UInt = #line) rethrows {
        for k in analytic.indices {
            let numeric = (try f(k, step) - f(k, -step)) / (2 * step)
            XCTAssert(abs(analytic[k] - numeric) <= tolerance * max(1, abs(numeric)),
                      "\(what)[\(k)]: analytic \(analytic[k]), numeric \(numeric)", file: file, line: line)
        }
    }

    /// An MLP's ∂/∂θ and ∂/∂x of the objective Σ w ⊙ net(x) (random x and w of `rows` rows) against
    /// central differences.
    func assertMLPGradients(_ net: MLP, rows: Int, _ rng: inout SeededGenerator, _ what: String,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let x = randomMatrix(rows, net.inputCount, &rng), w = randomMatrix(rows, net.outputCount, &rng)
        func objective(_ n: MLP, _ x: Matrix) throws -> Double {
            zip(try n.forward(x).values, w.values).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let (gTheta, gX) = try net.backward(x, outputGradient: w)
        try assertGradient(gTheta, { k, h in
            var n = net; var p = n.parameters; p[k] += h; try n.setParameters(p); return try objective(n, x)
        }, "\(what) ∂/∂θ", file: file, line: line)
        try assertGradient(gX.values, { k, h in
            var xx = x; xx.values[k] += h; return try objective(net, xx)
        }, "\(what) ∂/∂x", file: file, line: line)
    }
}
