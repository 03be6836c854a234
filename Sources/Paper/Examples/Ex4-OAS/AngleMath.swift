import CouplingTheory
import Foundation

/// Angles of Δ(θ), which has period 180° (Q(θ + 180°) = −Q(θ) swaps the signs of p and a only).
public enum HalfTurnAngle {
    /// The distance between two angles on the 180°-circle, in [0°, 90°]: the fold of their difference.
    public static func distance(_ a: Double, _ b: Double) -> Double { foldedToQuarter(a - b) }

    /// The representative of θ in [0°, 90°] under θ ~ −θ ~ θ + 180° (Δ is even in θ for Example 4:
    /// the mixture is symmetric under a ↦ −a).
    public static func foldedToQuarter(_ theta: Double) -> Double {
        let d = theta.truncatingRemainder(dividingBy: 180)
        let wrapped = d < 0 ? d + 180 : d
        return min(wrapped, 180 - wrapped)
    }
}

/// Small summaries over seeds.
public enum SeedStatistics {
    /// Mean and sample standard deviation (n − 1) of each column of `rows` (one row per seed; the
    /// package's one mean ± SE type, `MonteCarloEstimate`, underneath).
    public static func columnMeanAndStd(_ rows: [[Double]]) -> (mean: [Double], std: [Double]) {
        let c = MonteCarloEstimate.columns(rows)
        return (c.map(\.value), c.map(\.standardDeviation))
    }
}
