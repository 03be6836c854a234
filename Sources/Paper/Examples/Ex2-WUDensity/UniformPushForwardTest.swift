import CouplingTheory
import Foundation
import FlowCore
import Report

/// Example 2 on samples: the KS distance of a′ from U(−√3, √3) (Eq. 17) on the held-out set.
///
/// Lemma 1's exact layer is exactly uniform, so its KS test at level α is a self-check of the sampler and
/// the layer (the claim itself is verified by quadrature, `ex2.exact_uniform_pushforward`). The trained
/// layer's D is reported as a number: at N = 2^16 a KS test rejects any imperfection of a finite network,
/// and its distance from the optimum is judged in nats by the Theorem 1 training check.
public struct UniformPushForwardTest: Sendable {
    /// D and its asymptotic p-value for the trained layer.
    public let trainedDistance: Double, trainedPValue: Double
    /// D and its asymptotic p-value for the Lemma 1 optimal layer on the same held-out samples.
    public let optimalDistance: Double, optimalPValue: Double
    public let alpha: Double
    public let count: Int

    public init(run: WExampleRun, alpha: Double) throws {
        let h = 3.0.squareRoot()
        count = run.pushForward.rows
        trainedDistance = try UniformKSDistance.distance(run.pushForward.column(1), halfWidth: h)
        optimalDistance = try UniformKSDistance.distance(run.optimalPushForward.column(1), halfWidth: h)
        trainedPValue = KolmogorovDistribution.pValue(distance: trainedDistance, count: count)
        optimalPValue = KolmogorovDistribution.pValue(distance: optimalDistance, count: count)
        self.alpha = alpha
    }

    public var checks: [Check] {
        [
            Check.atLeast(id: "ex2.ks_uniform_optimal",
                          claim: "Lemma 1's exact layer applied to WU samples gives a′ ~ U(−√3, √3) (KS test, N = \(count): p-value ≥ α = \(String(format: "%g", alpha)))",
                          measured: optimalPValue, expected: alpha).selfCheck,
        ]
    }

    public var metrics: [String: MetricValue] {
        [
            "ks_uniform": .number(trainedDistance),
            "ks_uniform_p_value": .number(trainedPValue),
            "ks_uniform_optimal": .number(optimalDistance),
            "ks_uniform_optimal_p_value": .number(optimalPValue),
        ]
    }
}
