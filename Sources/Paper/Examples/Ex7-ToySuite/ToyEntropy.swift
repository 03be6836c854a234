import CouplingTheory
import FlowCore
import Foundation

/// Differential entropies H[μ] (nats) of the toys where they are known, as reference lines for the
/// NLL curves: a model's held-out NLL estimates H[μ] + KL(μ‖model) ≥ H[μ], so it can approach the
/// line from above but never cross it beyond the noise of the held-out estimate.
enum ToyEntropy {
    /// H[μ] with its Monte-Carlo standard error (0 for closed forms), or nil when unknown.
    static func reference(_ kind: ToyKind, seed: UInt64, samples: Int) -> (value: Double, se: Double)? {
        switch kind {
        case .checkerboard:
            // Uniform on 8 unit squares, both axes scaled by √3/2: support area 8 · 3/4 = 6.
            return (log(6), 0)
        case .eightGaussians:
            return eightGaussians(seed: seed, samples: samples)
        default:
            return nil
        }
    }

    /// 8 gaussians: p(x) = ⅛ Σ_k N(x; 4c_k/s, (½/s)² I), s = √8.25 (ToyDensity's definition);
    /// H = −E[log p(x)] by Monte Carlo over samples of the same generator.
    static func eightGaussians(seed: UInt64, samples n: Int) -> (value: Double, se: Double) {
        var rng = SeededGenerator(seed: seed)
        let s = 8.25.squareRoot(), sigma = 0.5 / s
        let centres = (0..<8).map { k in (4 * cos(Double(k) * .pi / 4) / s, 4 * sin(Double(k) * .pi / 4) / s) }
        let x = (try? ToyDensity(kind: .eightGaussians).sample(count: n, using: &rng)) ?? Matrix(rows: 0, cols: 2)
        var losses = [Double](repeating: 0, count: x.rows)
        for r in 0..<x.rows {
            // log-sum-exp over the eight components.
            let logs = centres.map { c -> Double in
                let dx = x[r, 0] - c.0, dy = x[r, 1] - c.1
                return -(dx * dx + dy * dy) / (2 * sigma * sigma) - log(2 * .pi * sigma * sigma) - log(8)
            }
            let top = logs.max()!
            losses[r] = -(top + log(logs.reduce(0) { $0 + exp($1 - top) }))
        }
        let estimate = MonteCarloEstimate(samples: losses)
        return (estimate.value, estimate.standardError)
    }
}
