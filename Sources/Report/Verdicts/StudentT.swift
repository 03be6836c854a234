import Foundation

/// Student's t distribution: the CDF through the regularised incomplete beta function, the
/// quantile by bisection on it. Used for the (1 − 2α) intervals of empirical claims over a few
/// training seeds, where the normal quantile would be too narrow (t₀.₉₅ with 4 degrees of freedom
/// is 2.13, not 1.64). Degrees of freedom may be fractional (Welch's difference of two means).
public enum StudentT {
    /// P(T ≤ t) for `df` > 0 degrees of freedom.
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2).
        let tail = regularizedIncompleteBeta(x: df / (df + t * t), a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail / 2 : tail / 2
    }

    /// The p-quantile (0 < p < 1): the t with P(T ≤ t) = p, to about 1e-12 absolute.
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, p > 0, p < 1 else { return .nan }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        // Bracket: the t quantile grows without bound as df → 0; double until the CDF passes p.
        var low = 0.0, high = 1.0
        while cdf(high, degreesOfFreedom: df) < p { low = high; high *= 2; if high > 1e300 { return .infinity } }
        for _ in 0..<200 {
            let mid = 0.5 * (low + high)
            if cdf(mid, degreesOfFreedom: df) < p { low = mid } else { high = mid }
            if high - low <= 1e-13 * max(1, high) { break }
        }
        return 0.5 * (low + high)
    }

    /// I_x(a, b) by Lentz's continued fraction (Numerical Recipes §6.4), using the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
    static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logFront: Double = logBeta + a * log(x) + b * log(1 - x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...500 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
