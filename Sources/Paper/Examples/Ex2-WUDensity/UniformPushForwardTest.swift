import Foundation
import FlowCore
import Report

/// Example 2's two uniformity tests of a′ against U(−√3, √3) (Eq. 17).
///
/// The Lemma 1 optimal layer is exactly uniform, so it gets a proper KS test at level α. The trained
/// layer is not exactly optimal, and at N = 2^16 a KS test rejects any visible imperfection; it is judged
/// by its effect size D instead, against the largest D a layer within the Theorem 1 band can have:
/// per p, a′ | p is uniform with mean c and standard deviation r, at KS distance ≤ |c|/(2√3) + |r − 1|/2
/// from U(−√3, √3), while its loss gap is g_p = ½(c² + r² − 1 − log r²) ≈ ½c² + (r − 1)². By Cauchy–Schwarz
/// the distance is ≤ √(5/12)·√g_p, and pooling over p (D ≤ E_p D_p, Jensen) gives D ≤ √(5/12)·√g for the
/// mean gap g — to second order in the read-out errors. Adding the KS critical value for N samples
/// covers the sampling error of the empirical D.
public struct UniformPushForwardTest: Sendable {
    /// D and its asymptotic p-value for the trained layer.
    public let trainedDistance: Double, trainedPValue: Double
    /// D and its asymptotic p-value for the Lemma 1 optimal layer on the same held-out samples.
    public let optimalDistance: Double, optimalPValue: Double
    /// The accepted D of the trained layer: √(5/12)·√(gap band) + λ_α/√N.
    public let tolerance: Double
    public let alpha: Double
    public let count: Int
    /// The loss-gap band the tolerance is derived from.
    public let gapBand: Double

    /// The largest KS distance per unit √(loss gap) (see the type's documentation).
    public static let distancePerRootGap = (5.0 / 12).squareRoot()

    public init(run: WExampleRun, gapBand: Double, alpha: Double) throws {
        let h = 3.0.squareRoot()
        count = run.pushForward.rows
        trainedDistance = try UniformKSDistance.distance(run.pushForward.column(1), halfWidth: h)
        optimalDistance = try UniformKSDistance.distance(run.optimalPushForward.column(1), halfWidth: h)
        trainedPValue = KolmogorovDistribution.pValue(distance: trainedDistance, count: count)
        optimalPValue = KolmogorovDistribution.pValue(distance: optimalDistance, count: count)
        self.alpha = alpha
        self.gapBand = gapBand
        tolerance = Self.distancePerRootGap * max(gapBand, 0).squareRoot()
            + KolmogorovDistribution.criticalValue(alpha: alpha) / Double(count).squareRoot()
    }

    public var checks: [Check] {
        [
            Check.atLeast(id: "ex2.ks_uniform_optimal",
                          claim: "Eq. 17: Lemma 1's optimal layer maps WU to a′ ~ U(−√3, √3) (KS test, N = \(count): p-value ≥ α = \(String(format: "%g", alpha)))",
                          measured: optimalPValue, expected: alpha),
            Check.atMost(id: "ex2.ks_uniform",
                         claim: "Eq. 17: the trained layer's a′ is as close to U(−√3, √3) as a layer within the Theorem 1 band can be (KS distance D, N = \(count))",
                         measured: trainedDistance, tolerance: tolerance)
                .noting(String(format: "effect-size check; KS p-value of exact uniformity %.2g", trainedPValue)),
        ]
    }

    public var metrics: [String: MetricValue] {
        [
            "ks_uniform": .number(trainedDistance),
            "ks_uniform_p_value": .number(trainedPValue),
            "ks_uniform_tolerance": .number(tolerance),
            "ks_uniform_optimal": .number(optimalDistance),
            "ks_uniform_optimal_p_value": .number(optimalPValue),
        ]
    }
}
