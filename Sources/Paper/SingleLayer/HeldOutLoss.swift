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
        var sum = 0.0, sumSq = 0.0
        for n in 0..<samples.rows {
            var sq = 0.0
            for i in 0..<z.cols { sq += z[n, i] * z[n, i] }
            let l = 0.5 * sq - logDet[n]
            sum += l
            sumSq += l * l
        }
        let count = Double(samples.rows)
        mean = sum / count
        let variance = max(0, (sumSq - sum * sum / count) / (count - 1))
        standardError = (variance / count).squareRoot()
        self.count = samples.rows
    }
}

import CouplingTheory

extension HeldOutLoss {
    /// The same numbers as CouplingTheory's `MonteCarloEstimate` (value ± SE over `count` samples).
    public var estimate: MonteCarloEstimate {
        MonteCarloEstimate(value: mean, standardError: standardError, sampleCount: count)
    }
}
