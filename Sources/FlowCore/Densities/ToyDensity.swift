import Foundation

/// The six 2D toy data sets of Example 7.
public enum ToyKind: String, CaseIterable, Codable, Sendable {
    case moons, eightGaussians = "8gaussians", checkerboard, rings, pinwheel, swissroll
}

/// A 2D toy density defined by its generating process (FFJORD's `toy_data.py` / scikit-learn),
/// rescaled so that each coordinate has roughly unit standard deviation.
///
/// With u ~ U(0, 1), ε ~ N(0, 1) independent draws:
/// - moons: t = πu, outer (cos t, sin t) or inner (1 − cos t, ½ − sin t) with probability ½ each,
///   plus 0.1 ε per coordinate (`make_moons(noise: 0.1)`); x = √2 · (m − (½, ¼)).
///   Mean 0, Var = (1.52, 2(0.635 − 1/π)), Cov = 2(1/8 − 1/π).
/// - 8gaussians: k uniform in 0..<8, c = (cos kπ/4, sin kπ/4); x = (4c + ½ ε) / √8.25. Mean 0, Cov I.
/// - checkerboard: x₁ = 4u − 2, x₂ = u' − 2b + (⌊x₁⌋ mod 2), b ~ Bernoulli(½); x = (√3/2)(x₁, x₂).
///   Both coordinates are U(−√3, √3); Cov = 3/16.
/// - rings: r uniform in {1, ¾, ½, ¼}, φ = 2πu; x = (3r(cos φ, sin φ) + 0.08 ε) / √(4.5·0.46875 + 0.0064).
///   Mean 0, Cov I.
/// - pinwheel: k uniform in 0..<5, f = (1 + 0.3 ε₁, 0.1 ε₂), φ = 2πk/5 + ¼ exp(f₁);
///   x = (f₁ cos φ + f₂ sin φ, −f₁ sin φ + f₂ cos φ) / √0.55. Mean 0, Cov I (5-fold symmetry, E‖f‖² = 1.1).
/// - swissroll: t = 1.5π(1 + 2u); x = (t cos t + ε₁, t sin t + ε₂) / 7 (`make_swiss_roll(noise: 1)`, columns x, z).
///
/// The log-density is known for 8 gaussians, checkerboard and rings (`ToyDensity+LogDensity.swift`); the
/// entropy in closed form for checkerboard only.
public struct ToyDensity: InPlaceSampledDensity {
    public let kind: ToyKind

    public init(kind: ToyKind) { self.kind = kind }

    public var dimension: Int { 2 }
    public var name: String { kind.rawValue }

    /// In place: the trainer's per-step batch (no allocation once `out` has the shape).
    public func sample(count: Int, into out: inout Matrix, using rng: inout SeededGenerator) throws {
        try validateSampleCount(count)
        out.reshape(rows: count, cols: 2)
        out.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<count {
                let (x, y) = draw(&rng)
                v[2 * i] = x
                v[2 * i + 1] = y
            }
        }
    }

    private func draw(_ rng: inout SeededGenerator) -> (Double, Double) {
        switch kind {
        case .moons: return Self.moons(&rng)
        case .eightGaussians: return Self.eightGaussians(&rng)
        case .checkerboard: return Self.checkerboard(&rng)
        case .rings: return Self.rings(&rng)
        case .pinwheel: return Self.pinwheel(&rng)
        case .swissroll: return Self.swissroll(&rng)
        }
    }

    private static func moons(_ rng: inout SeededGenerator) -> (Double, Double) {
        let t = Double.pi * rng.uniform()
        let outer = rng.uniform() < 0.5
        var x = outer ? cos(t) : 1 - cos(t)
        var y = outer ? sin(t) : 0.5 - sin(t)
        x += 0.1 * rng.normal()
        y += 0.1 * rng.normal()
        return (2.0.squareRoot() * (x - 0.5), 2.0.squareRoot() * (y - 0.25))
    }

    private static func eightGaussians(_ rng: inout SeededGenerator) -> (Double, Double) {
        let angle = Double(Int(rng.uniform() * 8)) * Double.pi / 4
        let s = 8.25.squareRoot()
        return ((4 * cos(angle) + 0.5 * rng.normal()) / s, (4 * sin(angle) + 0.5 * rng.normal()) / s)
    }

    private static func checkerboard(_ rng: inout SeededGenerator) -> (Double, Double) {
        let x1 = 4 * rng.uniform() - 2
        let b = rng.uniform() < 0.5 ? 0.0 : 1.0
        let parity = Double(((Int(floor(x1)) % 2) + 2) % 2)  // Python's non-negative modulo
        let x2 = rng.uniform() - 2 * b + parity
        let s = 3.0.squareRoot() / 2
        return (s * x1, s * x2)
    }

    private static func rings(_ rng: inout SeededGenerator) -> (Double, Double) {
        let radii = [1.0, 0.75, 0.5, 0.25]
        let r = 3 * radii[min(3, Int(rng.uniform() * 4))]
        let phi = 2 * Double.pi * rng.uniform()
        let s = (4.5 * 0.46875 + 0.0064).squareRoot()
        return ((r * cos(phi) + 0.08 * rng.normal()) / s, (r * sin(phi) + 0.08 * rng.normal()) / s)
    }

    private static func pinwheel(_ rng: inout SeededGenerator) -> (Double, Double) {
        let k = Double(min(4, Int(rng.uniform() * 5)))
        let f1 = 1 + 0.3 * rng.normal(), f2 = 0.1 * rng.normal()
        let phi = 2 * Double.pi * k / 5 + 0.25 * exp(f1)
        let s = 0.55.squareRoot()
        return ((f1 * cos(phi) + f2 * sin(phi)) / s, (-f1 * sin(phi) + f2 * cos(phi)) / s)
    }

    private static func swissroll(_ rng: inout SeededGenerator) -> (Double, Double) {
        let t = 1.5 * Double.pi * (1 + 2 * rng.uniform())
        return ((t * cos(t) + rng.normal()) / 7, (t * sin(t) + rng.normal()) / 7)
    }
}
