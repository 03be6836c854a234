import XCTest
@testable import FlowCore

final class RotationTests: XCTestCase {
    func testRotation2DConvention() {
        // Q(90°) = [[0, −1], [1, 0]] maps e₁ to e₂.
        let q = Rotation2D.matrix(degrees: 90)
        let y = try! Matrix(rowArrays: [[1, 0]]).rotatingRows(by: q)
        XCTAssertEqual(y[0, 0], 0, accuracy: 1e-15)
        XCTAssertEqual(y[0, 1], 1, accuracy: 1e-15)
    }

    /// Haar matrices are orthogonal; `special` forces det = +1; without it both signs occur; the
    /// entries have E[Q_ij] = 0 and E[Q_ij²] = 1/D (a column is uniform on the sphere).
    func testHaarOrthogonal() throws {
        var rng = SeededGenerator(seed: 31)
        let d = 4, draws = 4000
        var signs = Set<Double>(), sum = 0.0, sumSq = 0.0
        for _ in 0..<draws {
            let q = try haarOrthogonal(dimension: d, using: &rng)
            try OrthogonalMatrices.validateOrthogonal(q, dimension: d, tolerance: 1e-12)
            signs.insert(OrthogonalMatrices.determinant(q).rounded())
            sum += q[1, 2]; sumSq += q[1, 2] * q[1, 2]
        }
        XCTAssertEqual(signs, [1, -1])
        // Standard errors: √(1/D / N) ≈ 0.008 for the mean; 5σ tolerances.
        XCTAssertEqual(sum / Double(draws), 0, accuracy: 0.04)
        XCTAssertEqual(sumSq / Double(draws), 1.0 / Double(d), accuracy: 0.02)
        for _ in 0..<50 {
            XCTAssertEqual(OrthogonalMatrices.determinant(try haarOrthogonal(dimension: 3, special: true, using: &rng)), 1, accuracy: 1e-12)
        }
    }

    func testPermutationMatrix() throws {
        let p = try permutationMatrix([2, 0, 1])
        let y = try Matrix(rowArrays: [[10, 20, 30]]).rotatingRows(by: p)
        XCTAssertEqual(y.row(0), [30, 10, 20])
        XCTAssertThrowsError(try permutationMatrix([0, 0, 1]))
    }
}
