import CouplingTheory
import FlowCore

/// The ML loss of a flow on held-out samples with its Monte Carlo standard error.
///
/// Per sample ℓ_n = ½‖T(x_n)‖² − log|det J(x_n)| (DESIGN.md: the constant D/2·log 2π dropped);
/// the estimate is the mean of ℓ_n and SE = sd(ℓ) / √N, the error bar the Theorem 1 check uses.
public struct HeldOutLoss: Codable, Sendable, Equatable {
    /// Mean per-sample ML loss in nats.
    public var mean: Double
    /// Standard error of `mean`.
    public var standardError: Double
    /// Number of samples.
    public var count: Int

    /// Evaluates `flow` on the rows of `samples` (Double precision); throws on an empty sample.
    public init(flow: Flow, samples: Matrix) throws {
        guard samples.rows >= 2 else {
            throw FlowCoreError.invalidArgument(name: "held-out sample count", value: "\(samples.rows)", reason: "need ≥ 2 rows")
        }
        let (z, logDet) = try flow.forward(samples)
        let losses = (0..<samples.rows).map { n in
            0.5 * (0..<z.cols).reduce(0.0) { $0 + z[n, $1] * z[n, $1] } - logDet[n]
        }
        // Mean and SE by CouplingTheory's two-pass estimator (one definition of the error bar).
        let estimate = MonteCarloEstimate(samples: losses)
        mean = estimate.value
        standardError = estimate.standardError
        self.count = samples.rows
    }
}

extension HeldOutLoss {
    /// The same numbers as CouplingTheory's `MonteCarloEstimate` (value ± SE over `count` samples).
    public var estimate: MonteCarloEstimate {
        MonteCarloEstimate(value: mean, standardError: standardError, sampleCount: count)
    }
}
