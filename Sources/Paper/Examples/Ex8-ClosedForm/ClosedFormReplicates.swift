import FlowCore
import Foundation

/// Independent closed-form fits at one sample size: each replicate draws its own N samples (and held-out
/// set) from its own seed, so the spread of the held-out gaps is the spread of the construction itself —
/// the replicates of ex8's claim that the closed form attains the Theorem 1 bound. Replicate 0 is the
/// sweep's own point (the same seed), so the figures and the claim agree on it.
enum ClosedFormReplicates {
    static func gaps(_ d: SingleLayerDensity, n: Int, count: Int, settings s: SingleLayerSweep.Settings, seed: UInt64) throws -> [Double] {
        let base = seed &+ 0x51 ^ (d.index << 32)
        return try (0..<count).map { k in
            try SingleLayerSweep.point(d, n: n, settings: s, train: false, seed: k == 0 ? base : splitMix(base ^ UInt64(k))).closedForm.gap
        }
    }
}
