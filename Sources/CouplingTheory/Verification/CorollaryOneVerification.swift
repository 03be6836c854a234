import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Corollary 1 (Eq. 21–22) on an exact object: the conditional KL divergence of the optimal layer's
/// push-forward, KL(μ(a′|p) ‖ N(0, 1)) at each p of a grid (`ConditionalKL.after` at Lemma 1's s*, t*).
/// The corollary says it is 0 at every p when every conditional is normal ("if"), and not 0 otherwise
/// ("only if"); for non-normal conditionals it equals the conditional's negentropy (Eq. 18 per p).
public struct CorollaryOneVerification: Sendable, Equatable {
    public var smallest: Double
    public var largest: Double
    public var points: Int

    /// max_p |KL| — the "if" direction's residual.
    public var largestMagnitude: Double { max(abs(smallest), abs(largest)) }

    public static func verify<Q: KnownConditionalDensity>(
        _ density: Q, points: Int = 41, quadrature: AdaptiveQuadrature = .init()
    ) throws -> CorollaryOneVerification {
        var values: [Double] = []
        for p in ConditionalQuadrature.passiveGrid(density, count: points) {
            let (m, sigma) = density.conditionalMoments(p)
            guard let kl = ConditionalKL.after(of: density, at: p, scale: -log(sigma), shift: -m / sigma, quadrature: quadrature) else {
                throw TheoryError.unavailable(what: "conditional entropy H[μ(a|p)] of \(density.name)")
            }
            values.append(kl)
        }
        return CorollaryOneVerification(smallest: values.min() ?? .nan, largest: values.max() ?? .nan, points: values.count)
    }
}
