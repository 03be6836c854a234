import XCTest
import Foundation
@testable import FlowCore

/// Sample moments of every density against moments derived by hand (see each test's comments).
final class DensityMomentTests: XCTestCase {
    /// Samples per moment check; the standard error of a mean of unit-variance data is 1/√N ≈ 0.0022.
    let sampleCount = 200_000
    /// Five standard errors of a unit-variance mean (false-failure probability ≈ 6e-7).
    let meanTolerance = 5.0 / 200_000.0.squareRoot()
    /// Five standard errors of a variance estimate for data with kurtosis ≤ 5 (√(κ−1)/√N ≤ 2/√N).
    let varianceTolerance = 10.0 / 200_000.0.squareRoot()

    func testWDensityConditionalMomentsStandardize() throws {
        var rng = SeededGenerator(seed: 1)
        try checkStandardizedConditional(WDensity(), mean: { 0.5 * cos(Double.pi * $0) },
                                         std: { (3 - cos(8 * Double.pi / 3 * $0)) / 8 }, rng: &rng)
    }

    func testWUDensityConditionalMomentsStandardizeAndSupport() throws {
        var rng = SeededGenerator(seed: 2)
        let wu = WUDensity()
        try checkStandardizedConditional(wu, mean: { 0.5 * cos(Double.pi * $0) },
                                         std: { (3 - cos(8 * Double.pi / 3 * $0)) / 8 }, rng: &rng)
        let x = try wu.sample(count: 10_000, using: &rng)
        for i in 0..<x.rows {
            let p = x[i, 0], a = x[i, 1]
            let half = 3.0.squareRoot() * (3 - cos(8 * Double.pi / 3 * p)) / 8
            XCTAssertLessThanOrEqual(abs(a - 0.5 * cos(Double.pi * p)), half + 1e-12)
        }
    }

    /// p ~ U[−2, 2]: mean 0, variance 16/12; z = (a − m(p))/σ(p) must have mean 0, variance 1.
    private func checkStandardizedConditional(_ d: some KnownConditionalDensity, mean: (Double) -> Double,
                                              std: (Double) -> Double, rng: inout SeededGenerator) throws {
        let x = try d.sample(count: sampleCount, using: &rng)
        assertClose(columnMean(x, 0), 0, tolerance: meanTolerance * 2, "E[p]")
        assertClose(columnCovariance(x, 0, 0), 4.0 / 3, tolerance: varianceTolerance * 2, "Var[p]")
        var z = Matrix(rows: x.rows, cols: 1)
        for i in 0..<x.rows {
            let p = x[i, 0]
            let (m, s) = d.conditionalMoments(p)
            assertClose(m, mean(p), tolerance: 1e-14, "m(p)")
            assertClose(s, std(p), tolerance: 1e-14, "σ(p)")
            z[i, 0] = (x[i, 1] - mean(p)) / std(p)
        }
        assertClose(columnMean(z, 0), 0, tolerance: meanTolerance, "E[(a − m)/σ]")
        assertClose(columnCovariance(z, 0, 0), 1, tolerance: varianceTolerance, "Var[(a − m)/σ]")
    }

    /// Example 4 with δ = 0.95: mean 0, covariance diag(δ² + σ², σ²) = diag(1, 1 − δ²); after Q(30°)
    /// the covariance is Q C Qᵀ, worked out by hand below.
    func testGaussianMixtureExample4AndRotationMoments() throws {
        var rng = SeededGenerator(seed: 3)
        let gmm = try GaussianMixture2D.example4()
        let v = 1 - 0.95 * 0.95
        let x = try gmm.sample(count: sampleCount, using: &rng)
        assertClose(columnMean(x, 0), 0, tolerance: meanTolerance, "E[x0]")
        assertClose(columnCovariance(x, 0, 0), 1, tolerance: varianceTolerance, "Var[x0]")
        assertClose(columnCovariance(x, 1, 1), v, tolerance: varianceTolerance, "Var[x1]")
        assertClose(columnCovariance(x, 0, 1), 0, tolerance: varianceTolerance, "Cov[x0,x1]")
        // Q(30°) diag(1, v) Q(30°)ᵀ: c = cos 30° = √3/2, s = ½.
        let c = 3.0.squareRoot() / 2, s = 0.5
        let y = try gmm.rotated(byDegrees: 30).sample(count: sampleCount, using: &rng)
        assertClose(columnCovariance(y, 0, 0), c * c + s * s * v, tolerance: varianceTolerance, "Var[p]")
        assertClose(columnCovariance(y, 1, 1), s * s + c * c * v, tolerance: varianceTolerance, "Var[a]")
        assertClose(columnCovariance(y, 0, 1), s * c * (1 - v), tolerance: varianceTolerance, "Cov[p,a]")
    }

    /// The exact conditional moments of a rotated GMM standardize its samples, the passive density
    /// integrates to one, and log μ(p) + log μ(a|p) equals the joint log-density.
    func testGaussianMixtureConditionalsAreConsistent() throws {
        var rng = SeededGenerator(seed: 4)
        let gmm = try GaussianMixture2D(weights: [0.2, 0.5, 0.3], means: [[-1, 0.5], [0.5, -0.3], [1.5, 1]],
                                        covariances: [[[0.3, 0.1], [0.1, 0.2]], [[0.5, -0.2], [-0.2, 0.4]], [[0.1, 0], [0, 0.6]]])
            .rotated(byDegrees: 40)
        let r = gmm.passiveRange
        assertClose(simpson(r.lowerBound, r.upperBound, 8000, gmm.passiveDensity), 1, tolerance: 1e-9, "∫μ(p)dp")
        let x = try gmm.sample(count: sampleCount, using: &rng)
        var z = Matrix(rows: x.rows, cols: 1)
        for i in 0..<x.rows {
            let (m, s) = gmm.conditionalMoments(x[i, 0])
            z[i, 0] = (x[i, 1] - m) / s
        }
        assertClose(columnMean(z, 0), 0, tolerance: meanTolerance, "E[(a − m)/σ]")
        assertClose(columnCovariance(z, 0, 0), 1, tolerance: varianceTolerance * 2, "Var[(a − m)/σ]")
        for point in [[0.3, -0.2], [-1.0, 1.4], [2.0, 0.0]] {
            let joint = gmm.logDensity(at: point)!
            let split = log(gmm.passiveDensity(point[0])) + gmm.conditionalLogDensity(point[1], given: point[0])!
            assertClose(split, joint, tolerance: 1e-10, "log μ(p) + log μ(a|p) at \(point)")
        }
    }

    func testUniformSquareMomentsAndEntropy() throws {
        var rng = SeededGenerator(seed: 5)
        let u = try UniformSquare()
        XCTAssertEqual(u.entropy!, log(4), accuracy: 1e-15)
        let x = try u.sample(count: sampleCount, using: &rng)
        for j in 0..<2 {
            assertClose(columnMean(x, j), 0, tolerance: meanTolerance, "E[x\(j)]")
            assertClose(columnCovariance(x, j, j), 1.0 / 3, tolerance: varianceTolerance, "Var[x\(j)]")
        }
        assertClose(columnCovariance(x, 0, 1), 0, tolerance: varianceTolerance, "Cov")
        XCTAssertEqual(u.conditionalMoments(0.4).std, 1 / 3.0.squareRoot(), accuracy: 1e-15)
    }

    /// Toy moments derived from each generating formula (see `ToyDensity`'s documentation).
    func testToyMomentsWhereDerivable() throws {
        let moonsVarY = 2 * (0.625 - 1 / Double.pi - 0.0625 + 0.01)
        let expected: [ToyKind: (mean: [Double], cov: [Double])] = [
            .moons: ([0, 0], [2 * (0.75 + 0.01), moonsVarY, 2 * (0.125 - 1 / Double.pi)]),
            .eightGaussians: ([0, 0], [1, 1, 0]),
            .checkerboard: ([0, 0], [1, 1, 3.0 / 16]),
            .rings: ([0, 0], [1, 1, 0]),
            .pinwheel: ([0, 0], [1, 1, 0]),
        ]
        var rng = SeededGenerator(seed: 6)
        for (kind, e) in expected {
            let x = try ToyDensity(kind: kind).sample(count: sampleCount, using: &rng)
            for j in 0..<2 { assertClose(columnMean(x, j), e.mean[j], tolerance: meanTolerance * 1.5, "\(kind) E[x\(j)]") }
            assertClose(columnCovariance(x, 0, 0), e.cov[0], tolerance: varianceTolerance * 1.5, "\(kind) Var[x0]")
            assertClose(columnCovariance(x, 1, 1), e.cov[1], tolerance: varianceTolerance * 1.5, "\(kind) Var[x1]")
            assertClose(columnCovariance(x, 0, 1), e.cov[2], tolerance: varianceTolerance * 1.5, "\(kind) Cov")
        }
        // Swiss roll mean: t ~ U(a, b), ∫ t cos t = t sin t + cos t, ∫ t sin t = sin t − t cos t.
        let a = 1.5 * Double.pi, b = 4.5 * Double.pi
        let ex = ((b * sin(b) + cos(b)) - (a * sin(a) + cos(a))) / (b - a) / 7
        let ey = ((sin(b) - b * cos(b)) - (sin(a) - a * cos(a))) / (b - a) / 7
        let x = try ToyDensity(kind: .swissroll).sample(count: sampleCount, using: &rng)
        assertClose(columnMean(x, 0), ex, tolerance: meanTolerance * 1.5, "swissroll E[x0]")
        assertClose(columnMean(x, 1), ey, tolerance: meanTolerance * 1.5, "swissroll E[x1]")
    }

    func testRotatedDensityComposesLogDensity() throws {
        let q = Rotation2D.matrix(degrees: 25)
        let gmm = try GaussianMixture2D.example4()
        let rotated = try RotatedDensity(base: gmm, rotation: q)
        let direct = gmm.rotated(byDegrees: 25)
        for point in [[0.1, 0.2], [-0.9, 0.4], [1.2, -0.7]] {
            assertClose(rotated.logDensity(at: point)!, direct.logDensity(at: point)!, tolerance: 1e-12, "log μ_Q at \(point)")
        }
        XCTAssertThrowsError(try RotatedDensity(base: gmm, rotation: Matrix.identity(3)))
    }

    /// Entropies: W is log 4 + ½ log(2πe) + E[log σ]; check against independent quadrature.
    func testWEntropiesMatchQuadrature() {
        let meanLogStd = simpson(-2, 2, 4000) { log((3 - cos(8 * Double.pi / 3 * $0)) / 8) } / 4
        XCTAssertEqual(WDensity().entropy!, log(4) + 0.5 * log(2 * Double.pi * M_E) + meanLogStd, accuracy: 1e-10)
        XCTAssertEqual(WUDensity().entropy!, log(4) + log(2 * 3.0.squareRoot()) + meanLogStd, accuracy: 1e-10)
    }
}
