import Foundation

/// A (1 − 2α) interval for a claim's estimand from independent replicates — training seeds, or
/// the separately seeded trainings at each angle of a grid: Student's t on n − 1 degrees of freedom
/// for a mean, Welch's for a difference of two means.
///
/// Defined for every n: with fewer than two replicates on a side there is no spread to estimate,
/// and the interval is the whole line (it decides nothing). A replicate of +∞ (a diverged training,
/// counted as infinitely bad) makes the estimate and both ends +∞; NaN makes them NaN.
public struct ReplicateInterval: Codable, Sendable, Equatable {
    /// The point estimate (a mean, or a difference of means).
    public var estimate: Double
    public var low: Double
    public var high: Double
    /// Replicates per side (for a difference: the smaller of the two counts).
    public var n: Int
    public var standardError: Double
    public var degreesOfFreedom: Double
    /// Each tail's probability: the interval covers 1 − 2α.
    public var alpha: Double

    public init(estimate: Double, low: Double, high: Double, n: Int, standardError: Double,
                degreesOfFreedom: Double, alpha: Double) {
        self.estimate = estimate; self.low = low; self.high = high; self.n = n
        self.standardError = standardError; self.degreesOfFreedom = degreesOfFreedom; self.alpha = alpha
    }

    /// The interval for the mean of `values`.
    public static func mean(of values: [Double], alpha: Double) -> ReplicateInterval {
        let n = values.count
        if let special = nonFinite(values, n: n, alpha: alpha) { return special }
        let m = values.reduce(0, +) / Double(max(n, 1))
        guard n >= 2 else { return unbounded(estimate: n == 1 ? m : .nan, n: n, alpha: alpha) }
        let se = (sampleVariance(values, mean: m) / Double(n)).squareRoot()
        return around(m, se: se, df: Double(n - 1), n: n, alpha: alpha)
    }

    /// The interval for mean(a) − mean(b), independent samples with unequal variances (Welch).
    public static func difference(_ a: [Double], minus b: [Double], alpha: Double) -> ReplicateInterval {
        let n = min(a.count, b.count)
        if let special = nonFinite(a + b.map { -$0 }, n: n, alpha: alpha) { return special }
        let ma = a.reduce(0, +) / Double(max(a.count, 1)), mb = b.reduce(0, +) / Double(max(b.count, 1))
        guard a.count >= 2, b.count >= 2 else {
            return unbounded(estimate: a.isEmpty || b.isEmpty ? .nan : ma - mb, n: n, alpha: alpha)
        }
        let va = sampleVariance(a, mean: ma) / Double(a.count), vb = sampleVariance(b, mean: mb) / Double(b.count)
        let se = (va + vb).squareRoot()
        let df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        return around(ma - mb, se: se, df: df.isFinite ? df : Double(a.count + b.count - 2), n: n, alpha: alpha)
    }

    static func around(_ m: Double, se: Double, df: Double, n: Int, alpha: Double) -> ReplicateInterval {
        // A spread of exactly zero (identical replicates) leaves only the point.
        let half = se > 0 ? StudentT.quantile(1 - alpha, degreesOfFreedom: df) * se : 0
        return ReplicateInterval(estimate: m, low: m - half, high: m + half, n: n, standardError: se,
                                 degreesOfFreedom: df, alpha: alpha)
    }

    static func unbounded(estimate: Double, n: Int, alpha: Double) -> ReplicateInterval {
        ReplicateInterval(estimate: estimate, low: -.infinity, high: .infinity, n: n, standardError: .infinity,
                          degreesOfFreedom: 0, alpha: alpha)
    }

    /// +∞ or NaN among the (signed) replicates: the mean is that value, and so is the interval.
    static func nonFinite(_ signed: [Double], n: Int, alpha: Double) -> ReplicateInterval? {
        let value: Double
        if signed.contains(where: \.isNaN) || (signed.contains(.infinity) && signed.contains(-.infinity)) {
            value = .nan
        } else if let inf = signed.first(where: \.isInfinite) {
            value = inf
        } else {
            return nil
        }
        return ReplicateInterval(estimate: value, low: value, high: value, n: n, standardError: .nan,
                                 degreesOfFreedom: .nan, alpha: alpha)
    }

    static func sampleVariance(_ x: [Double], mean m: Double) -> Double {
        x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    }
}
