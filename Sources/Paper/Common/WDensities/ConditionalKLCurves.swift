import FlowCore
import CouplingTheory
import Plotting

/// The conditional KL of a given p before training, after a trained coupling, and Theorem 1's bound
/// (Fig. 3, Example 3).
///
/// Per p, KL(μ(a'|p) ‖ N(0, 1)) = −H[μ(a|p)] − s(p) + ½ log 2π + ½ E[a'² | p] (exact for an affine map);
/// before training s = t = 0; the bound is the negentropy ½ log(2πe σ(p)²) − H[μ(a|p)] of the
/// conditional (the integrand of Eq. 18): 0 for the Gaussian conditionals of W (Corollary 1) and
/// ½ log(2πe) − log(2√3) ≈ 0.1765 for the uniform conditionals of WU.
public struct ConditionalKLCurves: Sendable {
    public let densityName: String
    public let p: [Double]
    public let before: [Double], after: [Double], bound: [Double]

    /// Evaluates the three curves at `points` equally spaced p in [−2, 2]; throws where H[μ(a|p)] is unknown.
    public init<D: KnownConditionalDensity>(density: D, coupling: AffineCoupling, points: Int = 401) throws {
        guard points >= 2 else {
            throw TheoryError.invalidArgument(name: "conditional KL points", value: "\(points)", reason: "need ≥ 2")
        }
        let ps = (0..<points).map { -2 + 4 * Double($0) / Double(points - 1) }
        let afterValues = try LemmaOne.conditionalKLAfter(of: density, coupling: coupling, at: ps)
        var b: [Double] = [], a: [Double] = [], lb: [Double] = []
        for (i, p) in ps.enumerated() {
            guard let kb = ConditionalKL.before(of: density, at: p), let ka = afterValues[i],
                  let bd = ConditionalKL.bound(of: density, at: p) else {
                throw TheoryError.unavailable(what: "conditional entropy of \(density.name) at p = \(p)")
            }
            b.append(kb); a.append(ka); lb.append(bd)
        }
        densityName = density.name
        p = ps
        before = b
        after = a
        bound = lb
    }

    /// max over p of |after − bound| (the Corollary 1 / Example 3 check).
    public var maxAbsGap: Double { zip(after, bound).map { abs($0 - $1) }.max() ?? .nan }

    /// E_p[after − bound] for p ~ U[−2, 2], by the trapezoid rule on the grid. Per p the gap is
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

    /// One Fig. 3 panel: before (grey), after (orange), bound (blue, dashed) against p.
    public func draw(into axes: inout Axes, yLabel: String?) {
        axes.line(x: p, y: before, color: Color(hex: 0x7f7f7f), label: "before training")
        axes.line(x: p, y: after, color: Color.cycle(1), width: 2.2, label: "after training")
        axes.line(x: p, y: bound, color: Color.cycle(0), dash: .dashed, label: "Theorem 1 bound")
        axes.xLimits = -2...2
        // Headroom above the curves keeps the legend off the data.
        axes.yLimits = -0.05...(1.5 * (before.max() ?? 1))
        axes.xLabel = "p"
        axes.yLabel = yLabel
        axes.title = "\(densityName) density"
        axes.legend = .upperRight
        axes.showGrid = true
    }
}
