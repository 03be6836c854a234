import XCTest
@testable import FlowCore

/// One loop over every layer type: inverse(forward(x)) = x and the log-det equals log|det J| of a
/// Jacobian obtained by central differences (zuko's `test_transforms` idea).
final class InvertibilityTests: XCTestCase {
    /// Round-trip error allowed: a few ulps amplified by e^{±s} and the subnet.
    let roundTripTolerance = 1e-10
    /// Central differences at h = 1e-5 on smooth maps give Jacobian entries to ~1e-9.
    let logDetTolerance = 1e-6
    let step = 1e-5

    struct Layer {
        let name: String
        let forward: (Matrix) throws -> (Matrix, [Double])
        let inverse: (Matrix) throws -> Matrix
    }

    func layers() throws -> [Layer] {
        var rng = SeededGenerator(seed: 21)
        var out: [Layer] = []
        for act in Activation.allCases {
            for clamp in [SoftClamp.none, .tanh(1.5), .atan(2)] {
                var c = try AffineCoupling(passiveCount: 1, activeCount: 2, hiddenWidths: [10, 6], activation: act, clamp: clamp, using: &rng)
                try c.subnet.setParameters(c.subnet.parameters.map { _ in 0.5 * rng.normal() })
                let coupling = c
                out.append(Layer(name: "coupling \(act) \(clamp)", forward: { try coupling.forward($0) }, inverse: { try coupling.inverse($0) }))
            }
        }
        var c = try AffineCoupling(passiveCount: 2, activeCount: 1, hiddenWidths: [8], activation: .tanh, using: &rng)
        try c.subnet.setParameters(c.subnet.parameters.map { _ in 0.5 * rng.normal() })
        let rotations = [try haarOrthogonal(dimension: 3, using: &rng), try permutationMatrix([2, 0, 1])]
        for (k, q) in rotations.enumerated() {
            let block = try Flow(dimension: 3, blocks: [FlowBlock(rotation: q, coupling: c)])
            out.append(Layer(name: "block \(k)", forward: { try block.forward($0) }, inverse: { try block.inverse($0) }))
        }
        var flow = try Flow(dimension: 3)
        for dp in [1, 2, 1] {
            try flow.appendBlock(rotation: haarOrthogonal(dimension: 3, special: true, using: &rng), passiveCount: dp,
                                 hiddenWidths: [16], activation: .softplus, clamp: .tanh(2), using: &rng)
        }
        try flow.setParameters(flow.parameters.map { _ in 0.3 * rng.normal() })
        let deep = flow
        out.append(Layer(name: "flow of 3 blocks", forward: { try deep.forward($0) }, inverse: { try deep.inverse($0) }))
        return out
    }

    func testEveryLayerInvertsAndHasTheNumericalLogDet() throws {
        var rng = SeededGenerator(seed: 22)
        var x = Matrix(rows: 5, cols: 3)
        for k in x.values.indices { x.values[k] = rng.normal() }
        for layer in try layers() {
            let (y, logDet) = try layer.forward(x)
            let back = try layer.inverse(y)
            for k in x.values.indices {
                XCTAssertEqual(back.values[k], x.values[k], accuracy: roundTripTolerance, "\(layer.name) round trip")
            }
            for r in 0..<x.rows {
                let numeric = log(abs(determinant3(try jacobian(layer, at: x.row(r)))))
                XCTAssertEqual(logDet[r], numeric, accuracy: logDetTolerance, "\(layer.name) log-det row \(r)")
            }
        }
    }

    /// J[i][j] = ∂f_i/∂x_j by central differences.
    func jacobian(_ layer: Layer, at x: [Double]) throws -> [[Double]] {
        var j = [[Double]](repeating: [0, 0, 0], count: 3)
        for c in 0..<3 {
            var plus = x, minus = x
            plus[c] += step; minus[c] -= step
            let fp = try layer.forward(Matrix(rowArrays: [plus])).0, fm = try layer.forward(Matrix(rowArrays: [minus])).0
            for i in 0..<3 { j[i][c] = (fp[0, i] - fm[0, i]) / (2 * step) }
        }
        return j
    }

    /// The 3×3 determinant by the rule of Sarrus (independent of the library's elimination).
    func determinant3(_ a: [[Double]]) -> Double {
        a[0][0] * a[1][1] * a[2][2] + a[0][1] * a[1][2] * a[2][0] + a[0][2] * a[1][0] * a[2][1]
            - a[0][2] * a[1][1] * a[2][0] - a[0][0] * a[1][2] * a[2][1] - a[0][1] * a[1][0] * a[2][2]
    }

    /// A new coupling is the identity (zero last layer), so s = t = 0 and y = x.
    func testFreshCouplingIsIdentity() throws {
        var rng = SeededGenerator(seed: 23)
        let c = try AffineCoupling(passiveCount: 1, activeCount: 1, hiddenWidths: [32], using: &rng)
        let x = try WDensity().sample(count: 10, using: &rng)
        let (y, logDet) = try c.forward(x)
        XCTAssertEqual(y, x)
        XCTAssertEqual(logDet, [Double](repeating: 0, count: 10))
    }

    /// The model density of a 2D flow integrates to ≈ 1 over a wide grid (trapezoid rule).
    func testFlowDensityGridIntegratesToOne() throws {
        var rng = SeededGenerator(seed: 24)
        var flow = try Flow(dimension: 2)
        for deg in [30.0, 100.0] {
            try flow.appendBlock(rotation: Rotation2D.matrix(degrees: deg), passiveCount: 1, hiddenWidths: [16], activation: .tanh,
                                 clamp: .tanh(1), using: &rng)
        }
        try flow.setParameters(flow.parameters.map { _ in 0.3 * rng.normal() })
        let n = 301, half = 9.0
        let grid = try flow.logDensityGrid(xRange: -half...half, yRange: -half...half, nx: n, ny: n)
        let h = 2 * half / Double(n - 1)
        var mass = 0.0
        for i in 0..<n { for j in 0..<n {
            let w = (i == 0 || i == n - 1 ? 0.5 : 1) * (j == 0 || j == n - 1 ? 0.5 : 1)
            mass += w * exp(grid[i, j]) * h * h
        } }
        XCTAssertEqual(mass, 1, accuracy: 1e-3, "∫ p(x) dx over [−9, 9]²")
    }
}
