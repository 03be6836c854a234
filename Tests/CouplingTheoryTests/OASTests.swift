import CouplingTheory
import FlowCore
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Algorithm 1 (OAS) on grids and random rotations.
final class OASTests: XCTestCase {
    /// On the Example 4 mixture the split along the bimodal axis (θ = 0) beats θ = 90°, where by hand
    /// Δ = 0 (a = x₁ has m = 0, σ = 1 given p = −x₂); OAS must rank every candidate and pick among the
    /// largest analytic values: the sample winner's analytic Δ is within 0.02 of the analytic maximum.
    func testOASOnMixturePicksNearAnalyticMaximum() throws {
        let gmm = try GaussianMixture2D.example4(delta: 0.95)
        var rng = SeededGenerator(seed: 3)
        let x = try gmm.sample(count: 8192, using: &rng)
        let angles = try OASCandidates.angleGrid(count: 36)
        let result = try OptimalAffineSubspace.search2D(samples: x, anglesDeg: angles)
        XCTAssertEqual(result.candidates.count, 36)
        XCTAssertEqual(result.ranked.map(\.delta), result.candidates.map(\.delta).sorted(by: >))
        let analytic = angles.map { TheoremOne.delta(of: gmm.rotated(byDegrees: $0)).value }
        let bestAnalytic = analytic.max()!
        XCTAssertEqual(analytic[result.best.index], bestAnalytic, accuracy: 0.02)
        XCTAssertEqual(result.candidates[18].delta, 0, accuracy: 0.02)  // θ = 90°
    }

    /// Haar samples are orthogonal: Q Qᵀ = I to rounding.
    func testHaarCandidatesAreOrthogonal() throws {
        var rng = SeededGenerator(seed: 5)
        for q in try OASCandidates.haarRandom(dimension: 4, count: 5, using: &rng) {
            let qqt = try q.multiplied(by: q.transposed)
            for i in 0..<4 { for j in 0..<4 { XCTAssertEqual(qqt[i, j], i == j ? 1 : 0, accuracy: 1e-12) } }
        }
    }

    /// Q(θ) follows DESIGN.md: Q(30°)·(1, 0) = (cos 30°, sin 30°).
    func testRotationConvention() {
        let q = OASCandidates.rotation2D(degrees: 30)
        XCTAssertEqual(q[0, 0], 3.0.squareRoot() / 2, accuracy: 1e-15)
        XCTAssertEqual(q[1, 0], 0.5, accuracy: 1e-15)
        XCTAssertEqual(q[0, 1], -0.5, accuracy: 1e-15)
    }

    /// In 3D with a = x₃ depending on p = (x₁, x₂) only, the identity split beats a split whose
    /// passive part carries none of the dependence; OAS over {I, permutation} picks I.
    func testOASInThreeDimensionsPrefersInformativeSplit() throws {
        var rng = SeededGenerator(seed: 9)
        let n = 4096
        var values: [Double] = []
        for _ in 0..<n {
            let p1 = rng.normal(), p2 = rng.normal()
            values += [p1, p2, sin(2 * p1) + 0.2 * rng.normal()]
        }
        let x = try Matrix(rows: n, cols: 3, values: values)
        // Permutation (x₃, x₂, x₁): passive (x₃, x₂), active x₁ — x₁ given x₃ is only partly predictable.
        let permutation = try Matrix(rows: 3, cols: 3, values: [0, 0, 1, 0, 1, 0, 1, 0, 0])
        let result = try OptimalAffineSubspace.search(
            samples: x, rotations: [permutation, .identity(3)], passiveDimension: 2,
            estimator: .nearestNeighbours(.init(neighbours: 32, maxQueries: 512)))
        XCTAssertEqual(result.best.index, 1)
    }
}
