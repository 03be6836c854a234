import CouplingTheory
import FlowCore
import Foundation
import Report

/// The exact objects the mathematical claims are verified on: densities whose conditional laws are known
/// in closed form, so that Lemma 1, Theorem 1, Corollary 1 and Lemma 2 are checked without training,
/// at quadrature precision (a point test is right there, because the null is exactly true).
enum ExactObjects {
    /// Example 4's mixture at the angles of Fig. 1 (0°, 15°, …, 165°).
    static let mixtureAngles = stride(from: 0.0, to: 180.0, by: 15.0).map { $0 }

    /// W, WU, the skewed W with g > 0 and with a sign-changing g, and the mixture at every angle.
    static func all() throws -> [(name: String, density: any KnownConditionalDensity)] {
        let mixture = try GaussianMixture2D.example4(delta: 0.95)
        return [("W", WDensity()), ("WU", WUDensity()),
                ("skewed W, g > 0", SkewedNoiseWDensity(gChangesSign: false)),
                ("skewed W, sign-changing g", SkewedNoiseWDensity(gChangesSign: true))]
            + mixtureAngles.map { ("mixture at \(Int($0))°", mixture.rotated(byDegrees: $0)) }
    }

    /// The largest value of `residual` over the objects, and which object it belongs to.
    static func worst(_ objects: [(name: String, density: any KnownConditionalDensity)],
                      _ residual: (any KnownConditionalDensity) throws -> Double) throws -> (value: Double, name: String, all: [(String, Double)]) {
        let values = try objects.map { ($0.name, try residual($0.density)) }
        let top = values.max { $0.1 < $1.1 } ?? ("none", .nan)
        return (top.1, top.0, values)
    }

    /// "W 3.1e-12, WU 8.0e-12, …" for a check's note.
    static func listing(_ values: [(String, Double)]) -> String {
        values.map { "\($0.0) \(ProseNumber.sci($0.1))" }.joined(separator: ", ")
    }
}
