import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The learnt conditional moments of a trained coupling (Lemma 1 read-out, Fig. 2b).
public struct LearntMoments: Sendable, Equatable {
    /// m̂(p) = −t(p)·e^{−s(p)}, one row per passive point, one column per active dimension.
    public var mean: Matrix
    /// σ̂(p) = e^{−s(p)}.
    public var std: Matrix
    /// The clamped log-scale s(p) and shift t(p) as the coupling applies them.
    public var scale: Matrix, shift: Matrix
}

extension LemmaOne {
    /// Reads m̂(p), σ̂(p) out of a trained coupling by inverting Eq. 9–10 at each row of `passive`
    /// (N × D_P), using s after the coupling's soft clamp (`AffineCoupling.scaleAndShift`).
    /// The read-out means "the layer behaves as if these were the conditional moments"; it matches the
    /// true m, σ only where the layer reached Lemma 1's optimum and the clamp is inactive (|log σ| ≪ c).
    public static func readOut(from coupling: AffineCoupling, passive: Matrix) throws -> LearntMoments {
        let (s, t) = try coupling.scaleAndShift(passive: passive)
        var mean = s, std = s
        for k in 0..<s.values.count {
            let m = moments(scale: s.values[k], shift: t.values[k])
            mean.values[k] = m.mean
            std.values[k] = m.std
        }
        return LearntMoments(mean: mean, std: std, scale: s, shift: t)
    }

    /// Convenience for D_P = D_A = 1: read-out on a list of scalar p values.
    public static func readOut(from coupling: AffineCoupling, at ps: [Double]) throws -> (mean: [Double], std: [Double]) {
        let r = try readOut(from: coupling, passive: Matrix(rows: ps.count, cols: 1, values: ps))
        return (r.mean.column(0), r.std.column(0))
    }

    /// The conditional KL after a trained 2D coupling at each p (Fig. 3 "after"): evaluates the layer's
    /// s(p), t(p) and applies `ConditionalKL.after`; nil where H[μ(a|p)] is unavailable.
    public static func conditionalKLAfter<Q: KnownConditionalDensity>(
        of density: Q, coupling: AffineCoupling, at ps: [Double]
    ) throws -> [Double?] {
        let r = try readOut(from: coupling, passive: Matrix(rows: ps.count, cols: 1, values: ps))
        return ps.indices.map { ConditionalKL.after(of: density, at: ps[$0], scale: r.scale[$0, 0], shift: r.shift[$0, 0]) }
    }
}
