import CouplingTheory
import FlowCore
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Theorem 1 (Eq. 18–20) against values derived by hand or by an independent integration.
final class TheoremOneTests: XCTestCase {
    /// Adaptive Gauss–Kronrod is documented to ≲ 1e-11; 1e-9 is the target.
    let quadratureTolerance = 1e-9

    /// At θ = 0, p = x₁ (the bimodal axis) and a = x₂ is N(0, σ²) in both components, independent of
    /// x₁: m(p) = 0 and σ(p)² = 1 − δ² for every p, so Δ = ½(σ² − 1 − log σ²) exactly.
    func testGaussianMixtureAtZeroDegreesMatchesClosedForm() throws {
        let delta = 0.95
        let v = 1 - delta * delta
        let expected = 0.5 * (v - 1 - log(v))
        let gmm = try GaussianMixture2D.example4(delta: delta).rotated(byDegrees: 0)
        XCTAssertEqual(TheoremOne.delta(of: gmm).value, expected, accuracy: quadratureTolerance)
    }

    /// At θ = 90°, p = −x₂ and a = x₁: x₁ ⟂ x₂ (shared isotropic covariance), so m(p) = E[x₁] = 0 and
    /// σ(p)² = Var[x₁] = δ² + σ² = 1 for every p, hence Δ = ½(0 + 1 − 1 − 0) = 0.
    func testGaussianMixtureAtNinetyDegreesIsZero() throws {
        let gmm = try GaussianMixture2D.example4(delta: 0.95).rotated(byDegrees: 90)
        XCTAssertEqual(TheoremOne.delta(of: gmm).value, 0, accuracy: quadratureTolerance)
    }

    /// Q(θ + 180°) = −Q(θ): p and a both flip sign, which leaves m², σ and μ(p)'s shape invariant.
    func testDeltaHasPeriod180Degrees() throws {
        let base = try GaussianMixture2D.example4(delta: 0.95)
        for theta in [10.0, 37.0, 61.0, 125.0] {
            let d0 = TheoremOne.delta(of: base.rotated(byDegrees: theta)).value
            let d1 = TheoremOne.delta(of: base.rotated(byDegrees: theta + 180)).value
            XCTAssertEqual(d0, d1, accuracy: quadratureTolerance, "θ = \(theta)")
        }
    }

    /// Eq. 20 for W at Q = I by a plain composite Simpson rule (200 001 points) written here from Eq. 13.
    func testWDeltaMatchesIndependentSimpson() {
        let expected = simpsonOverW { m, s in 0.5 * (m * m + s * s - 1 - log(s * s)) }
        let result = TheoremOne.delta(of: WDensity())
        XCTAssertEqual(result.value, expected, accuracy: quadratureTolerance)
        XCTAssertLessThan(result.errorEstimate, quadratureTolerance)
    }

    /// Theorem 1's ML minimum for W: E[½p²] = ½·(4/3) for p ~ U[−2, 2], plus E_p[½ + log σ(p)].
    func testWBoundMLLossMatchesHandDerivation() {
        let expected = 2.0 / 3.0 + 0.5 + simpsonOverW { _, s in log(s) }
        XCTAssertEqual(TheoremOne.boundMLLoss(of: WDensity()), expected, accuracy: quadratureTolerance)
        // mlLossBefore − boundMLLoss = Δ (Eq. 19): the identity layer's loss minus the optimum.
        let w = WDensity()
        XCTAssertEqual(
            TheoremOne.mlLossBefore(of: w) - TheoremOne.boundMLLoss(of: w), TheoremOne.delta(of: w).value,
            accuracy: quadratureTolerance)
    }

    /// Eq. 18 (via H[μ_P] and conditional entropies) and Eq. 19 (KL before − Δ) agree; for W the
    /// minimum is KL(U[−2,2]‖N) = −log 4 + ½ log 2π + ½·(4/3) (Corollary 1: no conditional gap);
    /// for WU it adds the unit-variance uniform's negentropy ½ log(2πe) − log(2√3).
    func testMinimalKLByEquations18And19() throws {
        let klUniform = -log(4.0) + 0.5 * log(2 * Double.pi) + 2.0 / 3.0
        let negentropyUniform = 0.5 * log(2 * Double.pi * M_E) - log(2 * 3.0.squareRoot())
        XCTAssertEqual(try TheoremOne.minimalKLByEquation18(of: WDensity()), klUniform, accuracy: quadratureTolerance)
        XCTAssertEqual(try TheoremOne.minimalKL(of: WDensity()), klUniform, accuracy: quadratureTolerance)
        XCTAssertEqual(
            try TheoremOne.minimalKLByEquation18(of: WUDensity()), klUniform + negentropyUniform, accuracy: quadratureTolerance)
        XCTAssertEqual(try TheoremOne.minimalKL(of: WUDensity()), klUniform + negentropyUniform, accuracy: quadratureTolerance)
    }

    /// Fig. 3: after the optimal layer the conditional KL equals the bound (0 for W, the negentropy for WU),
    /// and before it equals −H + ½ log 2π + ½(m² + σ²) (written out here for W's Gaussian conditional).
    func testConditionalKLCurves() {
        let negentropyUniform = 0.5 * log(2 * Double.pi * M_E) - log(2 * 3.0.squareRoot())
        for p in stride(from: -1.9, through: 1.9, by: 0.38) {
            let m = 0.5 * cos(Double.pi * p), s = (3 - cos(8 * Double.pi / 3 * p)) / 8
            let optimalS = -log(s), optimalT = -m / s
            let w = WDensity(), wu = WUDensity()
            XCTAssertEqual(ConditionalKL.after(of: w, at: p, scale: optimalS, shift: optimalT)!, 0, accuracy: 1e-12)
            XCTAssertEqual(ConditionalKL.bound(of: w, at: p)!, 0, accuracy: 1e-12)
            XCTAssertEqual(ConditionalKL.bound(of: wu, at: p)!, negentropyUniform, accuracy: 1e-12)
            XCTAssertEqual(ConditionalKL.after(of: wu, at: p, scale: optimalS, shift: optimalT)!, negentropyUniform, accuracy: 1e-12)
            // KL(N(m, s²)‖N(0,1)) = ½(m² + s² − 1) − log s.
            XCTAssertEqual(ConditionalKL.before(of: w, at: p)!, 0.5 * (m * m + s * s - 1) - log(s), accuracy: 1e-12)
        }
    }

    /// The GMM has no closed-form conditional entropy: the quadrature fallback must reproduce the
    /// Gaussian value at θ = 0, where μ(a|p) = N(0, 1 − δ²) exactly.
    func testConditionalEntropyQuadratureFallback() throws {
        let gmm = try GaussianMixture2D.example4(delta: 0.95).rotated(byDegrees: 0)
        let v = 1 - 0.95 * 0.95
        for p in [-1.2, -0.3, 0.0, 0.8] {
            XCTAssertEqual(ConditionalKL.conditionalEntropy(of: gmm, at: p)!, 0.5 * log(2 * Double.pi * M_E * v), accuracy: 1e-9)
        }
    }

    /// ∫_{−2}^{2} ¼ g(m(p), σ(p)) dp by composite Simpson with 200 001 points, m and σ from Eq. 13.
    private func simpsonOverW(_ g: (Double, Double) -> Double) -> Double {
        let n = 200_000, a = -2.0, h = 4.0 / Double(n)
        func f(_ p: Double) -> Double { 0.25 * g(0.5 * cos(Double.pi * p), (3 - cos(8 * Double.pi / 3 * p)) / 8) }
        var sum = f(a) + f(2)
        for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * f(a + Double(i) * h) }
        return sum * h / 3
    }
}
