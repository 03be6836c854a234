import CouplingTheory
import FlowCore
import XCTest

/// The one-sample Kolmogorov–Smirnov distance to a uniform and Kolmogorov's limiting law, against
/// hand-derived values and printed tables.
final class KolmogorovSmirnovTests: XCTestCase {
    /// Floating-point agreement for quantities computed in closed form.
    let exact = 1e-12

    func testKSDistanceOfTheUniformQuantileGridIsHalfAStep() throws {
        // x_i = F⁻¹((i − ½)/n): the ECDF steps straddle F symmetrically, so D = 1/(2n).
        let n = 200, h = 3.0.squareRoot()
        let xs = (1...n).map { -h + 2 * h * (Double($0) - 0.5) / Double(n) }
        XCTAssertEqual(try UniformKSDistance.distance(xs, halfWidth: h), 0.5 / Double(n), accuracy: exact)
    }

    func testKSDistanceOfAPointMassAtTheCentreIsOneHalf() throws {
        XCTAssertEqual(try UniformKSDistance.distance([0, 0, 0, 0]), 0.5, accuracy: exact)
        XCTAssertThrowsError(try UniformKSDistance.distance([]))
    }

    func testKolmogorovSurvivalAtTabulatedQuantiles() {
        // Kolmogorov's table (e.g. Smirnov 1948): P(K > 1.2238) = 0.10, P(K > 1.3581) = 0.05, P(K > 1.6276) = 0.01;
        // P(K ≤ 1) = 0.7300, P(K ≤ 0.5) = 0.0361 (the small-λ branch).
        XCTAssertEqual(KolmogorovDistribution.survival(1.2238), 0.10, accuracy: 2e-4)
        XCTAssertEqual(KolmogorovDistribution.survival(1.3581), 0.05, accuracy: 2e-4)
        XCTAssertEqual(KolmogorovDistribution.survival(1.6276), 0.01, accuracy: 1e-4)
        XCTAssertEqual(1 - KolmogorovDistribution.survival(1.0), 0.7300, accuracy: 2e-4)
        XCTAssertEqual(1 - KolmogorovDistribution.survival(0.5), 0.0361, accuracy: 2e-4)
        XCTAssertEqual(KolmogorovDistribution.criticalValue(alpha: 0.05), 1.3581, accuracy: 2e-4)
        // The two series meet at the switch λ = 1.18.
        XCTAssertEqual(KolmogorovDistribution.survival(1.18 - 1e-9), KolmogorovDistribution.survival(1.18), accuracy: 1e-7)
        XCTAssertEqual(KolmogorovDistribution.survival(0), 1)
    }

    func testKSTestAcceptsUniformDrawsAndRejectsAShiftedSample() throws {
        var rng = SeededGenerator(seed: 11)
        let h = 3.0.squareRoot(), n = 1 << 14
        let uniform = (0..<n).map { _ in -h + 2 * h * rng.uniform() }
        let d = try UniformKSDistance.distance(uniform, halfWidth: h)
        XCTAssertGreaterThan(KolmogorovDistribution.pValue(distance: d, count: n), 0.001, "D = \(d)")
        let shifted = uniform.map { $0 + 0.05 }                // D ≈ 0.05/(2√3) ≈ 0.014, far beyond 1.36/√n ≈ 0.011
        let ds = try UniformKSDistance.distance(shifted, halfWidth: h)
        XCTAssertLessThan(KolmogorovDistribution.pValue(distance: ds, count: n), 0.05, "D = \(ds)")
    }
}
