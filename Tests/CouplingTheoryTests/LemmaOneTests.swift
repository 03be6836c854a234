import CouplingTheory
import FlowCore
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Lemma 1: the optimal layer and the read-out of moments from s, t.
final class LemmaOneTests: XCTestCase {
    /// Eq. 9–10 and their inversion are each other's inverse (s = −log σ, t = −m/σ ⇒ m̂ = m, σ̂ = σ).
    func testReadOutInvertsOptimalScaleAndShift() {
        for (m, s) in [(0.5, 0.25), (-1.3, 2.0), (0.0, 1.0)] {
            let (scale, shift) = LemmaOne.optimalScaleAndShift(mean: m, std: s)
            XCTAssertEqual(scale, -log(s), accuracy: 1e-15)
            XCTAssertEqual(shift, -m / s, accuracy: 1e-15)
            let (mHat, sHat) = LemmaOne.moments(scale: scale, shift: shift)
            XCTAssertEqual(mHat, m, accuracy: 1e-14)
            XCTAssertEqual(sHat, s, accuracy: 1e-14)
        }
    }

    /// The exact optimal layer on W samples reaches Theorem 1's ML minimum within 3 standard errors;
    /// the minimum is written out here: ½·E[p²] = ⅔ for U[−2, 2], plus ½ + E_p[log σ(p)] (Simpson).
    func testOptimalLayerOnWReachesTheorem1Minimum() throws {
        var rng = SeededGenerator(seed: 21)
        let x = try WDensity().sample(count: 1 << 16, using: &rng)
        let (y, loss) = try LemmaOne.applyOptimalLayer(of: WDensity(), to: x)
        let estimate = MonteCarloEstimate(samples: loss)
        let n = 20_000, h = 4.0 / Double(n)
        func f(_ p: Double) -> Double { 0.25 * log((3 - cos(8 * Double.pi / 3 * p)) / 8) }
        var sum = f(-2) + f(2)
        for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * f(-2 + Double(i) * h) }
        let expected = 2.0 / 3.0 + 0.5 + sum * h / 3
        XCTAssertEqual(estimate.value, expected, accuracy: 3 * estimate.standardError)
        // a' ~ N(0, 1) (Example 5): mean 0 and variance 1 within sampling error (SE √(2/N) ≈ 0.0055 for the variance).
        let a = y.column(1)
        let mean = a.reduce(0, +) / Double(a.count)
        let variance = a.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(a.count - 1)
        XCTAssertEqual(mean, 0, accuracy: 3 / Double(a.count).squareRoot())
        XCTAssertEqual(variance, 1, accuracy: 3 * (2 / Double(a.count)).squareRoot())
    }
}
