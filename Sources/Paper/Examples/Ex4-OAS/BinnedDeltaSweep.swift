import CouplingTheory
import FlowCore
import Foundation

/// Δ̂(θ) by binning (Example 4) for many seeds at one sample size, with Algorithm 1's choice per seed.
public struct BinnedDeltaSweep: Sendable {
    /// N, the number of samples per seed.
    public var sampleSize: Int
    /// The candidate angles θ in degrees.
    public var anglesDeg: [Double]
    /// Δ̂(θ) per seed (rows) and angle (columns).
    public var curves: [[Double]]
    /// Algorithm 1's argmax per seed (degrees, in [0°, 180°)).
    public var oasAngles: [Double]
    /// Δ̂ at that argmax per seed.
    public var oasDeltas: [Double]

    /// Draws `seeds` independent sets of N samples from `density` (unrotated) and runs OAS
    /// (Algorithm 1, binning estimator with `bins` equal-width bins) over `anglesDeg` for each.
    /// Seed k uses the k-th generator split off `rng`.
    public static func run(density: any Density, anglesDeg: [Double], sampleSize: Int, seeds: Int, bins: Int,
                           using rng: inout SeededGenerator, progress: (Int) -> Void = { _ in }) throws -> BinnedDeltaSweep {
        let estimator = DeltaEstimator.binning(BinningConfig(bins: bins))
        var sweep = BinnedDeltaSweep(sampleSize: sampleSize, anglesDeg: anglesDeg, curves: [], oasAngles: [], oasDeltas: [])
        for seed in 0..<seeds {
            var seedRNG = rng.split()
            let samples = try density.sample(count: sampleSize, using: &seedRNG)
            let result = try OptimalAffineSubspace.search2D(samples: samples, anglesDeg: anglesDeg, estimator: estimator)
            sweep.curves.append(result.candidates.map(\.delta))
            sweep.oasAngles.append(result.best.angleDeg ?? .nan)
            sweep.oasDeltas.append(result.best.delta)
            progress(seed + 1)
        }
        return sweep
    }

    /// Mean and standard deviation over seeds at each angle.
    public var meanAndStd: (mean: [Double], std: [Double]) { SeedStatistics.columnMeanAndStd(curves) }

    /// The fraction of seeds whose OAS angle lies within `tolerance` degrees (on the 180° circle)
    /// of the nearest angle in `targets`.
    public func hitFraction(targets: [Double], tolerance: Double) -> Double {
        guard !oasAngles.isEmpty else { return .nan }
        let hits = oasAngles.filter { a in targets.contains { HalfTurnAngle.distance(a, $0) <= tolerance } }
        return Double(hits.count) / Double(oasAngles.count)
    }
}
