import Foundation

/// Deterministic example data for the gallery (no random generator: low-discrepancy sequences).
public enum GalleryData {
    /// The k-th element (k ≥ 1) of the van der Corput / Halton sequence in `base`, in (0, 1).
    public static func halton(_ k: Int, base: Int) -> Double {
        var f = 1.0, r = 0.0, i = k
        while i > 0 {
            f /= Double(base)
            r += f * Double(i % base)
            i /= base
        }
        return r
    }

    /// `n` standard normal pairs from Halton points through the Box–Muller transform.
    public static func normalPairs(_ n: Int, offset: Int = 1) -> [(Double, Double)] {
        (0..<n).map { k in
            let u = max(halton(k + offset, base: 2), 1e-12), v = halton(k + offset, base: 3)
            let r = sqrt(-2 * log(u))
            return (r * cos(2 * Double.pi * v), r * sin(2 * Double.pi * v))
        }
    }

    /// An analytic two-moons density: each moon is a half circle of radius 1 (the upper centred at
    /// (0, 0), the lower at (1, 0.5) and flipped, as in scikit-learn's `make_moons`), blurred by an
    /// isotropic Gaussian of standard deviation `sigma`. The arc integral is a 200-point midpoint
    /// rule per moon, so the result is a proper density (integrates to 1 up to the rule's error).
    public static func twoMoonsDensity(x: Double, y: Double, sigma: Double = 0.12) -> Double {
        let n = 200
        let norm = 1 / (2 * Double.pi * sigma * sigma) / Double(2 * n)
        var sum = 0.0
        for k in 0..<n {
            let t = Double.pi * (Double(k) + 0.5) / Double(n)
            let c = cos(t), s = sin(t)
            let d1 = (x - c) * (x - c) + (y - s) * (y - s)
            let d2 = (x - (1 - c)) * (x - (1 - c)) + (y - (0.5 - s)) * (y - (0.5 - s))
            sum += exp(-d1 / (2 * sigma * sigma)) + exp(-d2 / (2 * sigma * sigma))
        }
        return sum * norm
    }

    /// Density of a two-component Gaussian mixture (means ±(δ, 0)·R(θ), σ = √(1 − δ²)), rotated by θ.
    public static func rotatedMixtureDensity(x: Double, y: Double, thetaDegrees: Double, delta: Double = 0.95) -> Double {
        let th = thetaDegrees * Double.pi / 180
        let u = cos(th) * x + sin(th) * y, v = -sin(th) * x + cos(th) * y
        let s2 = 1 - delta * delta
        let g1 = exp(-((u - delta) * (u - delta) + v * v) / (2 * s2))
        let g2 = exp(-((u + delta) * (u + delta) + v * v) / (2 * s2))
        return 0.5 * (g1 + g2) / (2 * Double.pi * s2)
    }
}
