import CouplingTheory
import FlowCore
import Foundation

/// One variant's runs over seeds, summarised: how many diverged, stalled or reached the minimum, and the
/// read-out errors at the troughs and peaks of σ(p) (means over the runs that did not diverge).
struct AblationSummary: Sendable {
    var variant: AblationVariant
    var runs: [AblationRun]
    /// A run "reaches" the Theorem 1 minimum when its held-out gap is at most this (nats).
    var reachGap: Double

    var finite: [AblationRun] { runs.filter { !$0.diverged } }
    var gaps: [Double] { finite.compactMap(\.gap) }
    var divergedFraction: Double { fraction(runs.filter(\.diverged).count) }
    var stalledFraction: Double { fraction(gaps.filter { $0 > reachGap }.count) }
    var reachedFraction: Double { fraction(gaps.filter { $0 <= reachGap }.count) }
    var troughErrors: [Double] { finite.compactMap(\.troughError) }
    var peakErrors: [Double] { finite.compactMap(\.peakError) }
    var troughError: MonteCarloEstimate { MonteCarloEstimate(samples: troughErrors) }
    var peakError: MonteCarloEstimate { MonteCarloEstimate(samples: peakErrors) }
    /// Every run's gap, a diverged run counting as +∞ (it did not attain the minimum, by any margin).
    var gapsWithDiverged: [Double] { runs.map { $0.diverged ? .infinity : ($0.gap ?? .nan) } }
    var medianGap: Double {
        let s = gaps.sorted()
        return s.isEmpty ? .nan : (s[(s.count - 1) / 2] + s[s.count / 2]) / 2
    }

    func fraction(_ k: Int) -> Double { runs.isEmpty ? .nan : Double(k) / Double(runs.count) }
}


/// ds/ds_raw of a soft clamp as a function of the clamped s (the gradient factor the clamp puts on s).
enum ClampSlope {
    /// atan(c): s = c·(2/π)·atan(r/c) ⇒ ds/dr = (2/π)·cos²(π s / (2c)); tanh(c): 1 − (s/c)²; none: 1.
    static func at(_ s: Double, clamp: SoftClamp) -> Double {
        switch clamp {
        case .none: return 1
        case .tanh(let c): return 1 - (s / c) * (s / c)
        case .atan(let c): let u = cos(Double.pi * s / (2 * c)); return 2 / Double.pi * u * u
        }
    }
}
