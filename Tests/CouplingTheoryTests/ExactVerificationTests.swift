import CouplingTheory
import FlowCore
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The exact checks of Lemma 1, Theorem 1, Corollary 1 and Lemma 2: each passes on densities where the
/// statement holds, at quadrature precision, and fails on a density built to violate it — so the report's
/// "verified" is a test that could have said "refuted".
final class ExactVerificationTests: XCTestCase {
    /// Adaptive Gauss–Kronrod is documented to ≲ 1e-11 per integral; residuals combine a few of them.
    let precision = 1e-8

    func densities() throws -> [any KnownConditionalDensity] {
        [WDensity(), WUDensity(), SkewedNoiseWDensity(gChangesSign: false), SkewedNoiseWDensity(gChangesSign: true),
         try GaussianMixture2D.example4(delta: 0.95).rotated(byDegrees: 30)]
    }

    func testLemmaOneHoldsOnExactDensities() throws {
        for d in try densities() {
            let r = try LemmaOneVerification.verify(d, points: 9)
            XCTAssertLessThan(r.worst, precision, d.name)
            XCTAssertEqual(r.points, 9)
        }
    }

    /// A density whose stated mean is off by 0.01: Lemma 1's layer built from it is not the optimum,
    /// and every residual that involves m shows it.
    func testLemmaOneFailsWhenTheStatedMomentsAreWrong() throws {
        let r = try LemmaOneVerification.verify(MisstatedW(meanShift: 0.01, stdFactor: 1), points: 9)
        XCTAssertGreaterThan(r.gradientT, 1e-3)
        XCTAssertGreaterThan(r.neighbourBelowOptimum, 0)
        XCTAssertGreaterThan(r.pushForwardMean, 1e-3)
    }

    func testTheoremOneHoldsOnExactDensities() throws {
        for d in try densities() {
            let r = try TheoremOneVerification.verify(d, points: 9)
            XCTAssertLessThan(r.worst, precision, d.name)
        }
        // W and WU know their entropy, so Eq. 18 is compared with Eq. 19 too.
        XCTAssertNotNil(try TheoremOneVerification.verify(WDensity(), points: 3).equation18Mismatch)
    }

    /// With σ overstated by 5 %, Eq. 20's Δ is not what the layer built from it removes.
    func testTheoremOneFailsWhenTheStatedMomentsAreWrong() throws {
        let r = try TheoremOneVerification.verify(MisstatedW(meanShift: 0, stdFactor: 1.05), points: 9)
        XCTAssertGreaterThan(r.deltaMismatch, 1e-3)
    }

    /// Normal conditionals leave 0 (W); uniform ones the unit uniform's negentropy ½ log(2πe) − log(2√3);
    /// Exp(1) − 1 its negentropy ½ log(2πe) − 1 (H[Exp(1)] = 1).
    func testCorollaryOneBothDirections() throws {
        XCTAssertLessThan(try CorollaryOneVerification.verify(WDensity(), points: 9).largestMagnitude, 1e-9)
        let uniform = 0.5 * log(2 * Double.pi * M_E) - log(2 * 3.0.squareRoot())
        let wu = try CorollaryOneVerification.verify(WUDensity(), points: 9)
        XCTAssertEqual(wu.smallest, uniform, accuracy: 1e-9)
        XCTAssertEqual(wu.largest, uniform, accuracy: 1e-9)
        let skew = try CorollaryOneVerification.verify(SkewedNoiseWDensity(gChangesSign: false), points: 9)
        XCTAssertEqual(skew.smallest, 0.5 * log(2 * Double.pi * M_E) - 1, accuracy: 1e-9)
    }

    /// g > 0: the standardised conditional law is the same at every p; with g = sign(p)·σ(p) its third
    /// moment is 2·sign(p) (n′ = E − 1 has skewness 2) and the law depends on p.
    func testLemmaTwoAndItsCounterexample() throws {
        for d: any KnownConditionalDensity in [WDensity(), WUDensity(), SkewedNoiseWDensity(gChangesSign: false)] {
            XCTAssertLessThan(try StandardisedConditionals.compute(d, points: 7).largestDependence, precision, d.name)
        }
        let flip = try StandardisedConditionals.compute(SkewedNoiseWDensity(gChangesSign: true), points: 8)
        for (p, m3) in zip(flip.p, flip.thirdMoment) { XCTAssertEqual(m3, p < 0 ? -2 : 2, accuracy: precision) }
        XCTAssertGreaterThan(flip.largestDependence, 0.1)
    }

    /// Example 2: the WU push-forward is U(−√3, √3) at every p; the W push-forward is not.
    func testUniformPushForward() throws {
        let r3 = 3.0.squareRoot()
        let uniform = { (x: Double) in min(1, max(0, (x + r3) / (2 * r3))) }
        XCTAssertLessThan(try StandardisedConditionals.compute(WUDensity(), points: 7).largestDistance(to: uniform), 1e-9)
        XCTAssertGreaterThan(try StandardisedConditionals.compute(WDensity(), points: 7).largestDistance(to: uniform), 0.01)
    }

    /// A correlated Gaussian: I(a; p) = −½ log(1 − ρ²) exactly for the identity layer, and 0 after
    /// Lemma 1's layer, which subtracts the linear conditional mean.
    func testMutualInformationOfAGaussianPair() throws {
        let rho = 0.6
        let g = try GaussianMixture2D(weights: [1], means: [[0, 0]], covariances: [[[1, rho], [rho, 1]]])
        let nodes = AffineLayerDependence.passiveNodes(g, count: 401)
        let zero = [Double](repeating: 0, count: nodes.count)
        let identity = try AffineLayerDependence.compute(g, scale: zero, shift: zero, outputNodes: 8001)
        XCTAssertEqual(identity.mutualInformation, -0.5 * log(1 - rho * rho), accuracy: 1e-4)
        XCTAssertEqual(try AffineLayerDependence.optimalLayer(g, passiveNodes: 401, outputNodes: 8001).mutualInformation, 0, accuracy: 1e-4)
    }

    /// WU after Lemma 1's layer shifted by ±c with the sign of p: a′ | p is U(±c + [−√3, √3]), half of p each way,
    /// so I(a′; p) = H[mixture] − H[U] = (2c / 2√3)·log 2 (the mixture has density 1/(2w) on two strips of width 2c).
    func testMutualInformationOfShiftedUniformConditionals() throws {
        let wu = WUDensity(), c = 0.3
        let nodes = AffineLayerDependence.passiveNodes(wu, count: 401)
        let scale = nodes.map { -log(wu.conditionalMoments($0).std) }
        let shift = nodes.indices.map { i -> Double in
            let (m, sigma) = wu.conditionalMoments(nodes[i])
            return -m / sigma + (nodes[i] < 0 ? -c : c)
        }
        let mi = try AffineLayerDependence.compute(wu, scale: scale, shift: shift, outputNodes: 8001).mutualInformation
        XCTAssertEqual(mi, 2 * c / (2 * 3.0.squareRoot()) * log(2), accuracy: 2e-3)
    }

    /// Lemma 1's layer on W and WU leaves no dependence; on the counter-example (sign-changing g) it does.
    func testMutualInformationAfterTheOptimalLayer() throws {
        for d: any KnownConditionalDensity in [WDensity(), WUDensity(), SkewedNoiseWDensity(gChangesSign: false)] {
            XCTAssertEqual(try AffineLayerDependence.optimalLayer(d, passiveNodes: 401, outputNodes: 8001).mutualInformation,
                           0, accuracy: 1e-3, d.name)
        }
        XCTAssertGreaterThan(try AffineLayerDependence.optimalLayer(SkewedNoiseWDensity(gChangesSign: true),
                                                                    passiveNodes: 401, outputNodes: 8001).mutualInformation, 0.05)
    }
}

/// The W density with deliberately wrong stated moments (its samples and conditional density unchanged).
struct MisstatedW: KnownConditionalDensity {
    var meanShift: Double
    var stdFactor: Double
    let w = WDensity()
    var dimension: Int { 2 }
    var name: String { "misstated W" }
    func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix { try w.sample(count: count, using: &rng) }
    var passiveRange: ClosedRange<Double> { w.passiveRange }
    func passiveDensity(_ p: Double) -> Double { w.passiveDensity(p) }
    func conditionalMoments(_ p: Double) -> (mean: Double, std: Double) {
        let (m, s) = w.conditionalMoments(p)
        return (m + meanShift, s * stdFactor)
    }
    func conditionalEntropy(_ p: Double) -> Double? { w.conditionalEntropy(p) }
    func conditionalLogDensity(_ a: Double, given p: Double) -> Double? { w.conditionalLogDensity(a, given: p) }
}
