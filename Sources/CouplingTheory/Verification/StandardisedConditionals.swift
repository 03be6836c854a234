import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The law of the optimal layer's output a′ = (a − m(p))/σ(p) given p, on exact objects: its CDF on a
/// grid of x and of p, by quadrature of the conditional density. Lemma 2 says the law does not depend
/// on p (a′ ⊥ p) exactly when a = f(p) + g(p)·n with n ⊥ p and g > 0; Example 2 says that for WU it
/// is U(−√3, √3) at every p.
public struct StandardisedConditionals: Sendable, Equatable {
    public var p: [Double]
    public var x: [Double]
    /// cdf[i][j] = P(a′ ≤ x[j] | p[i]).
    public var cdf: [[Double]]
    /// E[a′³ | p] at each p (0 for symmetric conditionals, 2 for Exp(1) − 1).
    public var thirdMoment: [Double]

    public static func compute<Q: KnownConditionalDensity>(
        _ density: Q, points: Int = 41, x: [Double] = stride(from: -4.0, through: 8.0, by: 0.1).map { $0 },
        quadrature: AdaptiveQuadrature = .init()
    ) throws -> StandardisedConditionals {
        let ps = ConditionalQuadrature.passiveGrid(density, count: points)
        var cdf: [[Double]] = [], third: [Double] = []
        for p in ps {
            let (m, sigma) = density.conditionalMoments(p)
            cdf.append(try x.map { try ConditionalQuadrature.cdf(of: density, at: p, upTo: m + sigma * $0, quadrature: quadrature) })
            third.append(try ConditionalQuadrature.expectation(of: density, at: p, quadrature: quadrature) {
                let z = ($0 - m) / sigma; return z * z * z
            })
        }
        return StandardisedConditionals(p: ps, x: x, cdf: cdf, thirdMoment: third)
    }

    /// sup over p and x of |F(x | p) − F(x | p₀)|, p₀ the first grid point: 0 iff the law is the same at every p.
    public var largestDependence: Double {
        guard let first = cdf.first else { return .nan }
        return cdf.map { row in zip(row, first).map { abs($0 - $1) }.max() ?? 0 }.max() ?? .nan
    }

    /// sup over p and x of |F(x | p) − G(x)| for a reference CDF G.
    public func largestDistance(to reference: (Double) -> Double) -> Double {
        cdf.map { row in zip(row, x).map { abs($0 - reference($1)) }.max() ?? 0 }.max() ?? .nan
    }
}
