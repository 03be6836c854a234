import Foundation

/// The toys whose density has a closed form — 8 gaussians (a mixture), checkerboard (uniform on eight
/// squares), rings (four circles blurred by isotropic noise) — and the one with a closed-form entropy
/// (checkerboard). The others are defined by their generators only: moons, pinwheel and swiss roll blur
/// curves with noise whose integral over the curve has no closed form, so `logDensity` is nil for them.
extension ToyDensity {
    /// log μ(x) for 8 gaussians, checkerboard and rings; nil for the others.
    public func logDensity(at x: [Double]) -> Double? {
        guard x.count == 2 else { return nil }
        switch kind {
        case .eightGaussians: return Self.eightGaussiansLogDensity(x[0], x[1])
        case .checkerboard: return Self.checkerboardLogDensity(x[0], x[1])
        case .rings: return Self.ringsLogDensity(x[0], x[1])
        case .moons, .pinwheel, .swissroll: return nil
        }
    }

    /// H[μ] where it has a closed form: checkerboard, uniform on a support of area 8 · (√3/2)² = 6.
    public var entropy: Double? { kind == .checkerboard ? log(6) : nil }

    /// ⅛ Σ_k N(x; 4c_k/s, (½/s)² I), c_k = (cos kπ/4, sin kπ/4), s = √8.25 (the generator's scaling).
    static func eightGaussiansLogDensity(_ x: Double, _ y: Double) -> Double {
        let s = 8.25.squareRoot(), sigma = 0.5 / s
        let terms = (0..<8).map { k -> Double in
            let dx = x - 4 * cos(Double(k) * .pi / 4) / s, dy = y - 4 * sin(Double(k) * .pi / 4) / s
            return -(dx * dx + dy * dy) / (2 * sigma * sigma) - log(2 * .pi * sigma * sigma) - log(8)
        }
        return logSumExp(terms)
    }

    /// 1/6 on the eight squares the generator fills (before its scaling by √3/2: x₁ in [k, k + 1) for
    /// k = −2…1, x₂ in [π, π + 1) or [π − 2, π − 1) with π = k mod 2), −∞ elsewhere.
    static func checkerboardLogDensity(_ x: Double, _ y: Double) -> Double {
        let s = 3.0.squareRoot() / 2
        let u1 = x / s, u2 = y / s
        guard u1 >= -2, u1 < 2 else { return -.infinity }
        let k = Int(floor(u1)), parity = Double(((k % 2) + 2) % 2)
        let inside = (u2 >= parity && u2 < parity + 1) || (u2 >= parity - 2 && u2 < parity - 1)
        return inside ? -log(6) : -.infinity
    }

    /// ¼ Σ_i of a circle of radius ρ_i = 3r_i/s blurred by N(0, σ²I), σ = 0.08/s: averaging the Gaussian over
    /// the angle gives (1/(2πσ²)) exp(−(|x|² + ρ²)/(2σ²)) I₀(|x|ρ/σ²), written with the scaled Bessel
    /// function I₀(z)e^{−z} so that nothing overflows: −log(2πσ²) − (|x| − ρ)²/(2σ²) + log(I₀(z)e^{−z}).
    static func ringsLogDensity(_ x: Double, _ y: Double) -> Double {
        let s = (4.5 * 0.46875 + 0.0064).squareRoot(), sigma = 0.08 / s, v = sigma * sigma
        let norm = (x * x + y * y).squareRoot()
        let terms = [1.0, 0.75, 0.5, 0.25].map { r -> Double in
            let rho = 3 * r / s
            return log(0.25) - log(2 * .pi * v) - (norm - rho) * (norm - rho) / (2 * v) + log(ScaledBessel.i0(norm * rho / v))
        }
        return logSumExp(terms)
    }
}

/// The modified Bessel function I₀ scaled by e^{−z}, by the polynomial approximations of Abramowitz &
/// Stegun 9.8.1 (|z| ≤ 3.75, relative error < 1.6e-7) and 9.8.2 (z > 3.75, relative error < 1.9e-7).
enum ScaledBessel {
    static func i0(_ z: Double) -> Double {
        let a = abs(z)
        if a <= 3.75 {
            let t = (a / 3.75) * (a / 3.75)
            let p = 1 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))))
            return p * exp(-a)
        }
        let t = 3.75 / a
        let q = 0.39894228 + t * (0.01328592 + t * (0.00225319 + t * (-0.00157565 + t * (0.00916281
            + t * (-0.02057706 + t * (0.02635537 + t * (-0.01647633 + t * 0.00392377)))))))
        return q / a.squareRoot()
    }
}
