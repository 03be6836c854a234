import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The mutual information I(a′; p) between the passive coordinate and the output of an affine layer
/// a′ = a·e^{s(p)} + t(p), computed from the exact conditional law (no samples): the dependence a
/// trained layer leaves, in nats, for Lemma 2's empirical claim.
///
/// I(a′; p) = H[a′] − E_p H[a′ | p], with H[a′ | p] = H[a | p] + s(p) (an affine map shifts entropy
/// by its log-scale) and H[a′] = −∫ q log q of the marginal q(y) = E_p[μ(a′ = y | p)].
/// p is integrated by composite Simpson on `passiveNodes` points of the passive range (which must
/// be a bounded interval carrying μ(p)); y by the trapezoid rule on `outputNodes` points spanning
/// every conditional's image. The default grids (401 × 8001) put the error below 3e-4 nats for the W family
/// (uniform and exponential conditionals, whose edges the grid cuts, are the worst) — two orders below the
/// margins the claims use; the optimal layer's value (exactly 0 for g > 0) measures it.
public struct AffineLayerDependence: Sendable, Equatable {
    public var mutualInformation: Double
    public var outputEntropy: Double
    public var conditionalEntropy: Double

    /// The passive nodes (odd count) at which the layer must be evaluated.
    public static func passiveNodes<Q: KnownConditionalDensity>(_ density: Q, count: Int = 401) -> [Double] {
        let n = count % 2 == 1 ? count : count + 1
        let r = density.passiveRange, h = (r.upperBound - r.lowerBound) / Double(n - 1)
        return (0..<n).map { r.lowerBound + Double($0) * h }
    }

    /// I(a′; p) for the layer whose log-scale and shift at `passiveNodes(density)` are `scale`, `shift`.
    public static func compute<Q: KnownConditionalDensity>(
        _ density: Q, scale: [Double], shift: [Double], outputNodes: Int = 8001
    ) throws -> AffineLayerDependence {
        let ps = passiveNodes(density, count: scale.count)
        guard scale.count == ps.count, shift.count == ps.count, ps.count >= 3 else {
            throw TheoryError.invalidArgument(name: "scale/shift", value: "\(scale.count)/\(shift.count)",
                                              reason: "need one value per passive node (an odd count ≥ 3)")
        }
        let h = (ps.last! - ps.first!) / Double(ps.count - 1)
        // Simpson weights × μ(p), normalised so that they sum to 1 (the passive mass on the range).
        var w = ps.indices.map { i -> Double in
            let simpson = (i == 0 || i == ps.count - 1) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
            return simpson * h / 3 * density.passiveDensity(ps[i])
        }
        let mass = w.reduce(0, +)
        w = w.map { $0 / mass }
        var conditional = 0.0, low = Double.infinity, high = -Double.infinity
        for i in ps.indices {
            guard let hp = ConditionalKL.conditionalEntropy(of: density, at: ps[i]) else {
                throw TheoryError.unavailable(what: "conditional entropy H[μ(a|p)] of \(density.name)")
            }
            conditional += w[i] * (hp + scale[i])
            let window = ConditionalQuadrature.window(density, at: ps[i])
            let e = exp(scale[i])
            low = min(low, window.lowerBound * e + shift[i]); high = max(high, window.upperBound * e + shift[i])
        }
        let ys = (0..<outputNodes).map { low + (high - low) * Double($0) / Double(outputNodes - 1) }
        let dy = (high - low) / Double(outputNodes - 1)
        var q = [Double](repeating: 0, count: outputNodes)
        for i in ps.indices where w[i] > 0 {
            let e = exp(scale[i])
            for j in ys.indices {
                // μ(a′ = y | p) = μ(a = (y − t)/e^s | p) / e^s.
                guard let l = density.conditionalLogDensity((ys[j] - shift[i]) / e, given: ps[i]), l.isFinite else { continue }
                q[j] += w[i] * exp(l) / e
            }
        }
        var entropy = 0.0
        for j in ys.indices where q[j] > 0 {
            entropy -= (j == 0 || j == ys.count - 1 ? 0.5 : 1) * q[j] * log(q[j]) * dy
        }
        return AffineLayerDependence(mutualInformation: entropy - conditional, outputEntropy: entropy, conditionalEntropy: conditional)
    }

    /// I(a′; p) for a trained coupling (2D, p passive), evaluated at the passive nodes.
    public static func compute<Q: KnownConditionalDensity>(
        _ density: Q, coupling: AffineCoupling, passiveNodes count: Int = 401, outputNodes: Int = 8001
    ) throws -> AffineLayerDependence {
        let ps = passiveNodes(density, count: count)
        let (s, t) = try coupling.scaleAndShift(passive: Matrix(rows: ps.count, cols: 1, values: ps))
        return try compute(density, scale: s.column(0), shift: t.column(0), outputNodes: outputNodes)
    }

    /// I(a′; p) for Lemma 1's optimal layer (s* = −log σ, t* = −m/σ): 0 when Lemma 2's condition holds.
    public static func optimalLayer<Q: KnownConditionalDensity>(
        _ density: Q, passiveNodes count: Int = 401, outputNodes: Int = 8001
    ) throws -> AffineLayerDependence {
        let ps = passiveNodes(density, count: count)
        let moments = ps.map { density.conditionalMoments($0) }
        return try compute(density, scale: moments.map { -log($0.std) }, shift: moments.map { -$0.mean / $0.std },
                           outputNodes: outputNodes)
    }
}
