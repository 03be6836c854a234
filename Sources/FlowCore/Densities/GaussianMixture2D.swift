import Foundation

/// A mixture of 2D Gaussians with arbitrary weights, means and full 2×2 covariances.
///
/// μ(x) = Σ_k π_k N(x; μ_k, Σ_k). Example 4 (Eq. 24) is `example4(delta:)`; any mixture can be
/// pushed through a rotation with `rotated(byDegrees:)` (convention `[p, a] = Q(θ) x`).
/// The exact conditional moments of a | p are in `GaussianMixture2D+Conditional.swift`.
public struct GaussianMixture2D: Sendable, Equatable, Codable {
    /// One Gaussian component: weight, mean and covariance entries [[c00, c01], [c01, c11]].
    public struct Component: Sendable, Equatable, Codable {
        public let weight: Double
        public let mean: [Double]
        public let c00: Double, c01: Double, c11: Double
        var determinant: Double { c00 * c11 - c01 * c01 }
    }

    /// The components; weights are normalised to sum to one.
    public let components: [Component]

    /// Builds a mixture; weights are normalised. Throws on empty input, mismatched counts,
    /// negative/non-finite weights, means that are not 2-vectors, or covariances that are not
    /// symmetric positive-definite 2×2 matrices.
    public init(weights: [Double], means: [[Double]], covariances: [[[Double]]]) throws {
        guard !weights.isEmpty else {
            throw FlowCoreError.invalidArgument(name: "weights", value: "[]", reason: "need at least one component")
        }
        guard means.count == weights.count, covariances.count == weights.count else {
            throw FlowCoreError.shapeMismatch(what: "GaussianMixture2D components", expected: "\(weights.count) means and covariances",
                                              got: "\(means.count) means, \(covariances.count) covariances")
        }
        let total = weights.reduce(0, +)
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), total > 0, total.isFinite else {
            throw FlowCoreError.invalidArgument(name: "weights", value: "\(weights)", reason: "must be finite, ≥ 0, with positive sum")
        }
        var comps: [Component] = []
        for k in weights.indices {
            comps.append(try Self.component(weight: weights[k] / total, mean: means[k], covariance: covariances[k], index: k))
        }
        components = comps
    }

    private static func component(weight: Double, mean: [Double], covariance c: [[Double]], index k: Int) throws -> Component {
        guard mean.count == 2 else {
            throw FlowCoreError.shapeMismatch(what: "means[\(k)]", expected: "2 values", got: "\(mean.count)")
        }
        guard c.count == 2, c.allSatisfy({ $0.count == 2 }) else {
            throw FlowCoreError.shapeMismatch(what: "covariances[\(k)]", expected: "2×2", got: "\(c.map(\.count))")
        }
        guard (mean + c[0] + c[1]).allSatisfy(\.isFinite) else { throw FlowCoreError.nonFinite(what: "component \(k)") }
        let scale = max(abs(c[0][0]), abs(c[1][1]), 1e-300)
        guard abs(c[0][1] - c[1][0]) <= 1e-12 * scale else {
            throw FlowCoreError.invalidArgument(name: "covariances[\(k)]", value: "\(c)", reason: "must be symmetric")
        }
        let comp = Component(weight: weight, mean: mean, c00: c[0][0], c01: c[0][1], c11: c[1][1])
        guard comp.c00 > 0, comp.determinant > 0 else {
            throw FlowCoreError.invalidArgument(name: "covariances[\(k)]", value: "\(c)", reason: "must be positive-definite")
        }
        return comp
    }

    /// Example 4 (Eq. 24): ½ N([−δ, 0], σ²I) + ½ N([δ, 0], σ²I) with σ = √(1 − δ²), so that the
    /// first coordinate has mean 0 and standard deviation 1. Throws unless 0 < δ < 1.
    public static func example4(delta: Double = 0.95) throws -> GaussianMixture2D {
        guard delta > 0, delta < 1 else {
            throw FlowCoreError.invalidArgument(name: "delta", value: "\(delta)", reason: "must be in (0, 1)")
        }
        let v = 1 - delta * delta
        return try GaussianMixture2D(weights: [0.5, 0.5], means: [[-delta, 0], [delta, 0]],
                                     covariances: [[[v, 0], [0, v]], [[v, 0], [0, v]]])
    }

    /// The push-forward under x ↦ Q(θ) x, Q(θ) = [[cos θ, −sin θ], [sin θ, cos θ]], θ in degrees.
    public func rotated(byDegrees degrees: Double) -> GaussianMixture2D {
        transformed(by: Rotation2D.matrix(degrees: degrees))
    }

    /// The push-forward under x ↦ Q x for any invertible 2×2 matrix Q: means Q μ_k, covariances Q Σ_k Qᵀ.
    public func rotated(by q: Matrix) throws -> GaussianMixture2D {
        guard q.rows == 2, q.cols == 2 else {
            throw FlowCoreError.shapeMismatch(what: "GaussianMixture2D rotation", expected: "2×2", got: "\(q.rows)×\(q.cols)")
        }
        guard q.isFinite, q[0, 0] * q[1, 1] - q[0, 1] * q[1, 0] != 0 else {
            throw FlowCoreError.invalidArgument(name: "rotation", value: "\(q.values)", reason: "must be finite and invertible")
        }
        return transformed(by: q)
    }

    /// Means Q μ_k and covariances Q Σ_k Qᵀ for a checked 2×2 Q (SPD is preserved, so no re-validation).
    private func transformed(by q: Matrix) -> GaussianMixture2D {
        var comps: [Component] = []
        for c in components {
            let mean = [q[0, 0] * c.mean[0] + q[0, 1] * c.mean[1], q[1, 0] * c.mean[0] + q[1, 1] * c.mean[1]]
            let s = [[c.c00, c.c01], [c.c01, c.c11]]
            var out = [[0.0, 0.0], [0.0, 0.0]]
            for i in 0..<2 { for j in 0..<2 { for k in 0..<2 { for l in 0..<2 {
                out[i][j] += q[i, k] * s[k][l] * q[j, l]
            } } } }
            comps.append(Component(weight: c.weight, mean: mean, c00: out[0][0], c01: out[0][1], c11: out[1][1]))
        }
        return GaussianMixture2D(components: comps)
    }

    private init(components: [Component]) { self.components = components }

    /// The mixture mean Σ π_k μ_k.
    public var mean: [Double] {
        components.reduce([0, 0]) { [$0[0] + $1.weight * $1.mean[0], $0[1] + $1.weight * $1.mean[1]] }
    }

    /// The mixture covariance Σ π_k (Σ_k + μ_k μ_kᵀ) − m mᵀ as [[c00, c01], [c10, c11]].
    public var covariance: [[Double]] {
        let m = mean
        var c = [[-m[0] * m[0], -m[0] * m[1]], [-m[1] * m[0], -m[1] * m[1]]]
        for k in components {
            c[0][0] += k.weight * (k.c00 + k.mean[0] * k.mean[0])
            c[0][1] += k.weight * (k.c01 + k.mean[0] * k.mean[1])
            c[1][0] += k.weight * (k.c01 + k.mean[1] * k.mean[0])
            c[1][1] += k.weight * (k.c11 + k.mean[1] * k.mean[1])
        }
        return c
    }
}
