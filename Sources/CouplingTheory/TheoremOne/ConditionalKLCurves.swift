import FlowCore

/// Fig. 3's three curves over a grid of p: the conditional KL of a′ given p before the layer, after a
/// trained layer, and Theorem 1's bound (Eq. 18 per p).
///
/// Per p, KL(μ(a'|p) ‖ N(0, 1)) = −H[μ(a|p)] − s(p) + ½ log 2π + ½ E[a'² | p] (exact for an affine map,
/// `ConditionalKL.after`); before the layer s = t = 0; the bound is the conditional's negentropy
/// ½ log(2πe σ(p)²) − H[μ(a|p)]: 0 for Gaussian conditionals (Corollary 1), ½ log(2πe) − log(2√3) ≈ 0.1765
/// for the uniform conditionals of WU. Entries are NaN where H[μ(a|p)] is unavailable.
public struct ConditionalKLCurves: Sendable, Equatable {
    public var densityName: String
    public var p: [Double]
    public var before: [Double]
    /// After the given coupling; NaN everywhere when no coupling was given.
    public var after: [Double]
    public var bound: [Double]

    /// Evaluates the curves at `ps`; `coupling` (D_P = D_A = 1) is the trained layer, if any.
    public init<Q: KnownConditionalDensity>(density: Q, at ps: [Double], coupling: AffineCoupling? = nil) throws {
        densityName = density.name
        p = ps
        before = ps.map { ConditionalKL.before(of: density, at: $0) ?? .nan }
        bound = ps.map { ConditionalKL.bound(of: density, at: $0) ?? .nan }
        if let coupling {
            after = try LemmaOne.conditionalKLAfter(of: density, coupling: coupling, at: ps).map { $0 ?? .nan }
        } else {
            after = [Double](repeating: .nan, count: ps.count)
        }
    }

    /// The three curves of a trained layer at `points` equally spaced p in [−2, 2] (Fig. 3); throws where
    /// H[μ(a|p)] is unknown, since the figure and its statistics need every value.
    public init<Q: KnownConditionalDensity>(density: Q, coupling: AffineCoupling, points: Int) throws {
        guard points >= 2 else {
            throw TheoryError.invalidArgument(name: "conditional KL points", value: "\(points)", reason: "need ≥ 2")
        }
        try self.init(density: density, at: (0..<points).map { -2 + 4 * Double($0) / Double(points - 1) }, coupling: coupling)
        if let i = (before + after + bound).firstIndex(where: \.isNaN) {
            throw TheoryError.unavailable(what: "conditional entropy of \(density.name) at p = \(p[i % points])")
        }
    }

    /// max over p of |after − bound|.
    public var maxAbsGap: Double { zip(after, bound).map { abs($0 - $1) }.max() ?? .nan }

    /// E_p[after − bound] for p uniform on the grid's range, by the trapezoid rule. Per p the gap is
    /// KL(N(m, σ) ‖ N(m̂, σ̂)), and its mean is exactly the trained ML loss minus the Theorem 1 minimum.
    public var meanGap: Double {
        let g = zip(after, bound).map { $0 - $1 }
        guard g.count >= 2 else { return .nan }
        let inner = g.dropFirst().dropLast().reduce(0, +)
        return (inner + 0.5 * (g.first! + g.last!)) / Double(g.count - 1)
    }

    /// The p at which |after − bound| is largest.
    public var pOfMaxGap: Double {
        let gaps = zip(after, bound).map { abs($0 - $1) }
        return gaps.indices.max(by: { gaps[$0] < gaps[$1] }).map { p[$0] } ?? .nan
    }
}

extension TheoremOne {
    /// Δ(θ) of a 2D Gaussian mixture (e.g. `GaussianMixture2D.example4(delta: 0.95)`) on an angle grid:
    /// each angle rotates the mixture exactly (Eq. 25) and integrates Eq. 20 over p.
    public static func deltaCurve(
        of mixture: GaussianMixture2D, anglesDeg: [Double], quadrature: AdaptiveQuadrature = .init()
    ) -> [Double] {
        deltaCurve(anglesDeg: anglesDeg, quadrature: quadrature) { mixture.rotated(byDegrees: $0) }
    }
}
