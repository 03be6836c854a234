import Foundation

/// The OAS estimate at one sample size, judged where it matters: at the exact optimum θ*.
///
/// Over the seeds of a sweep: the bias of Δ̂(θ*) against the exact Δ(θ*) with its standard error, and
/// the error of the chosen angle (folded to [0°, 90°], so that ±θ* count alike) with its mean, SE,
/// RMS and 90th percentile. The checks' bands come from these SEs, not from hand-picked tolerances.
struct OptimumBiasStudy: Sendable {
    var sampleSize: Int
    var seeds: Int
    /// The candidate angle nearest θ* at which Δ̂ is read, and the exact Δ there.
    var angleDeg: Double
    var exactDelta: Double
    /// mean over seeds of Δ̂(θ*) − Δ(θ*), and the SE of that mean.
    var deltaBias: Double
    var deltaBiasSE: Double
    /// Signed error of each seed's OAS angle, folded(θ̂) − θ* (degrees).
    var angleErrors: [Double]
    var angleErrorMean: Double { angleErrors.reduce(0, +) / Double(max(angleErrors.count, 1)) }
    var angleErrorSE: Double {
        let s = SeedStatistics.columnMeanAndStd(angleErrors.map { [$0] }).std.first ?? .nan
        return s / Double(max(angleErrors.count, 1)).squareRoot()
    }
    var angleErrorRMS: Double { (angleErrors.map { $0 * $0 }.reduce(0, +) / Double(max(angleErrors.count, 1))).squareRoot() }
    /// The 90th percentile of |θ̂ − θ*| (nearest rank).
    var angleErrorP90: Double {
        let sorted = angleErrors.map(abs).sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((0.9 * Double(sorted.count)).rounded(.up)) - 1)]
    }

    /// `argmax` is θ* folded to [0°, 90°]; `exact` gives Δ at a candidate angle.
    init(sweep: BinnedDeltaSweep, argmax: Double, exact: (Double) -> Double) {
        let k = sweep.anglesDeg.indices.min { HalfTurnAngle.distance(sweep.anglesDeg[$0], argmax) < HalfTurnAngle.distance(sweep.anglesDeg[$1], argmax) } ?? 0
        let theta = sweep.anglesDeg.isEmpty ? .nan : sweep.anglesDeg[k]
        let truth = exact(theta)
        let errors = sweep.curves.map { $0[k] - truth }
        let stats = SeedStatistics.columnMeanAndStd(errors.map { [$0] })
        sampleSize = sweep.sampleSize
        seeds = sweep.curves.count
        angleDeg = theta
        exactDelta = truth
        deltaBias = stats.mean.first ?? .nan
        deltaBiasSE = (stats.std.first ?? .nan) / Double(max(errors.count, 1)).squareRoot()
        angleErrors = sweep.oasAngles.map { HalfTurnAngle.foldedToQuarter($0) - argmax }
    }
}
