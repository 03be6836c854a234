import Foundation

/// Kolmogorov's limiting distribution of √n·D, D the one-sample Kolmogorov–Smirnov distance
/// (Example 2's test that the optimal layer's push-forward is exactly uniform).
///
/// For n i.i.d. draws from a continuous F, P(√n·D > λ) → Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}.
/// That alternating series converges slowly for small λ; there the equivalent theta-function form
/// P(√n·D ≤ λ) = (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)} is used instead (both are exact identities).
/// At n = 2^16 the asymptotic law is accurate to far better than the α = 0.05 we test at.
public enum KolmogorovDistribution {
    /// Q(λ) = P(K > λ) for Kolmogorov's K; 1 for λ ≤ 0.
    public static func survival(_ lambda: Double) -> Double {
        guard lambda > 0 else { return 1 }
        if lambda < 1.18 {
            let c = -Double.pi * Double.pi / (8 * lambda * lambda)
            var sum = 0.0
            for k in 1...20 {
                let odd = Double(2 * k - 1)
                sum += exp(c * odd * odd)
            }
            return min(1, max(0, 1 - (2 * Double.pi).squareRoot() / lambda * sum))
        }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += (k % 2 == 1 ? term : -term)
            if term < 1e-18 { break }
        }
        return min(1, max(0, 2 * sum))
    }

    /// The asymptotic p-value of a KS distance `d` measured on `n` samples: Q(√n·d).
    public static func pValue(distance d: Double, count n: Int) -> Double {
        survival(Double(n).squareRoot() * d)
    }

    /// The λ with Q(λ) = α (bisection on the decreasing Q), e.g. ≈ 1.3581 for α = 0.05.
    public static func criticalValue(alpha: Double) -> Double {
        var lo = 0.2, hi = 5.0
        for _ in 0..<100 {
            let mid = 0.5 * (lo + hi)
            if survival(mid) > alpha { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }
}
