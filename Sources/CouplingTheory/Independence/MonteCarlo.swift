import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A mean with its standard error s/√n — of Monte Carlo terms, or of one number per seed: the one mean ± SE
/// type of the package. Defined for every n: with no values the mean is NaN; with fewer than two the
/// standard error is +∞ (one value says nothing about the spread, and an interval built on it is unbounded).
public struct MonteCarloEstimate: Sendable, Equatable, Codable {
    public var value: Double
    public var standardError: Double
    public var sampleCount: Int

    /// The sample mean and its standard error (sample std with n − 1, over √n).
    public init(samples xs: [Double]) {
        let n = Double(xs.count)
        let mean = xs.reduce(0, +) / n
        let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        value = mean
        standardError = xs.count > 1 ? (ss / (n - 1) / n).squareRoot() : .infinity
        sampleCount = xs.count
    }

    public init(value: Double, standardError: Double, sampleCount: Int) {
        self.value = value; self.standardError = standardError; self.sampleCount = sampleCount
    }

    /// The sample standard deviation (n − 1); NaN for fewer than two values.
    public var standardDeviation: Double {
        sampleCount > 1 ? standardError * Double(sampleCount).squareRoot() : .nan
    }

    /// One estimate per column of `rows` (one row per seed, equally long): a curve's mean and SE over seeds.
    public static func columns(_ rows: [[Double]]) -> [MonteCarloEstimate] {
        guard let width = rows.first?.count else { return [] }
        return (0..<width).map { j in MonteCarloEstimate(samples: rows.map { $0[j] }) }
    }
}

/// Entropy and KL divergence by Monte Carlo for densities with a known log-density.
public enum MonteCarloDivergence {
    /// H[μ] = −E_μ[log μ(x)] from `sampleCount` samples.
    public static func entropy<Q: Density>(of density: Q, sampleCount: Int, using rng: inout SeededGenerator) throws
        -> MonteCarloEstimate
    {
        let x = try density.sample(count: sampleCount, using: &rng)
        var terms: [Double] = []
        terms.reserveCapacity(x.rows)
        for i in 0..<x.rows {
            guard let l = density.logDensity(at: x.row(i)) else { throw TheoryError.unavailable(what: "log-density of \(density.name)") }
            terms.append(-l)
        }
        return MonteCarloEstimate(samples: terms)
    }

    /// KL(μ‖ν) = E_μ[log μ(x) − log ν(x)] for a model log-density ν (e.g. a flow's).
    public static func kl<Q: Density>(
        from density: Q, to modelLogDensity: ([Double]) throws -> Double, sampleCount: Int, using rng: inout SeededGenerator
    ) throws -> MonteCarloEstimate {
        let x = try density.sample(count: sampleCount, using: &rng)
        var terms: [Double] = []
        terms.reserveCapacity(x.rows)
        for i in 0..<x.rows {
            let row = x.row(i)
            guard let l = density.logDensity(at: row) else { throw TheoryError.unavailable(what: "log-density of \(density.name)") }
            terms.append(l - (try modelLogDensity(row)))
        }
        return MonteCarloEstimate(samples: terms)
    }

    /// KL(T♯μ‖N) = −H[μ] + D/2·log 2π + E[ML] (Eq. 7) from per-sample ML losses
    /// (½‖T(x)‖² − log|det J|, DESIGN.md convention) and the exact entropy H[μ].
    public static func klToNormal(entropy h: Double, dimension d: Int, mlLossPerSample: [Double]) -> MonteCarloEstimate {
        let ml = MonteCarloEstimate(samples: mlLossPerSample)
        return MonteCarloEstimate(
            value: -h + Double(d) / 2 * log(2 * Double.pi) + ml.value, standardError: ml.standardError,
            sampleCount: ml.sampleCount)
    }
}
