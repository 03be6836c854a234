import Foundation
import XCTest
@testable import FlowCore

/// The toys' log-densities: each integrates to one, and agrees with the toy's own sampler (the mean of
/// −log μ over samples equals −∫ μ log μ on a grid); the scaled Bessel function against tabulated values.
final class ToyLogDensityTests: XCTestCase {
    /// ∫ f over [−4, 4]² by the midpoint rule on an n × n grid.
    func grid(_ n: Int, _ f: (Double, Double) -> Double) -> Double {
        let h = 8.0 / Double(n)
        var total = 0.0
        for i in 0..<n { for j in 0..<n { total += f(-4 + (Double(i) + 0.5) * h, -4 + (Double(j) + 0.5) * h) } }
        return total * h * h
    }

    func testLogDensitiesIntegrateToOne() {
        for kind in [ToyKind.eightGaussians, .rings] {
            let d = ToyDensity(kind: kind)
            XCTAssertEqual(grid(1600) { exp(d.logDensity(at: [$0, $1])!) }, 1, accuracy: 1e-4, kind.rawValue)
        }
        // Uniform on squares whose edges the grid does not hit exactly: within the grid's edge error.
        let c = ToyDensity(kind: .checkerboard)
        XCTAssertEqual(grid(1600) { exp(c.logDensity(at: [$0, $1])!) }, 1, accuracy: 5e-3)
        XCTAssertNil(ToyDensity(kind: .moons).logDensity(at: [0, 0]))
    }

    func testSamplerAndLogDensityAgree() throws {
        for kind in [ToyKind.eightGaussians, .checkerboard, .rings] {
            let d = ToyDensity(kind: kind)
            var rng = SeededGenerator(seed: 3)
            let x = try d.sample(count: 200_000, using: &rng)
            let terms = (0..<x.rows).map { -d.logDensity(at: [x[$0, 0], x[$0, 1]])! }
            XCTAssertTrue(terms.allSatisfy(\.isFinite), "\(kind.rawValue): a sample outside the density's support")
            let mean = terms.reduce(0, +) / Double(terms.count)
            let se = (terms.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(terms.count - 1) / Double(terms.count)).squareRoot()
            // −∫ μ log μ over the grid, per unit of the grid's mass (the checkerboard's edges fall between grid points).
            let entropy = grid(1600) { u, v in
                let l = d.logDensity(at: [u, v])!
                return l.isFinite ? -exp(l) * l : 0
            } / grid(1600) { exp(d.logDensity(at: [$0, $1])!) }
            XCTAssertEqual(mean, entropy, accuracy: 4 * se + 1e-4, kind.rawValue)
        }
        XCTAssertEqual(ToyDensity(kind: .checkerboard).entropy!, log(6), accuracy: 1e-15)
        XCTAssertNil(ToyDensity(kind: .rings).entropy)
    }

    func testScaledBesselAgainstTables() {
        // I₀(0) = 1, I₀(1) = 1.2660658778, I₀(3.75) = 9.1189458608, I₀(5) = 27.239871823, I₀(20) = 4.355828256e7.
        for (z, i0) in [(0.0, 1.0), (1.0, 1.2660658778), (3.75, 9.1189458608), (5.0, 27.239871823), (20.0, 4.355828256e7)] {
            XCTAssertEqual(ScaledBessel.i0(z) / (i0 * exp(-z)), 1, accuracy: 2e-7, "z = \(z)")
        }
    }
}
