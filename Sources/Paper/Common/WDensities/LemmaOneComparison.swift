import FlowCore
import CouplingTheory

/// True conditional moments m(p), σ(p) against the Lemma 1 read-out of a trained coupling (Fig. 2b).
///
/// Inverting Eq. 9–10 gives σ̂(p) = e^{−s(p)} and m̂(p) = −t(p)·e^{−s(p)} (s after the soft clamp);
/// at Lemma 1's optimum these equal σ(p) and m(p). RMSE is taken over `points` equally spaced p.
public struct LemmaOneComparison: Sendable {
    public let p: [Double]
    public let trueMean: [Double], trueStd: [Double]
    public let learntMean: [Double], learntStd: [Double]

    /// Evaluates both on `points` ≥ 2 equally spaced values over `range` (default the paper's [−2, 2]).
    public init<D: KnownConditionalDensity>(density: D, coupling: AffineCoupling, points: Int = 401,
                                            range: ClosedRange<Double> = -2...2) throws {
        guard points >= 2 else {
            throw TheoryError.invalidArgument(name: "read-out points", value: "\(points)", reason: "need ≥ 2")
        }
        let ps = (0..<points).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(points - 1) }
        let learnt = try LemmaOne.readOut(from: coupling, at: ps)
        let truth = ps.map { density.conditionalMoments($0) }
        p = ps
        trueMean = truth.map(\.mean)
        trueStd = truth.map(\.std)
        learntMean = learnt.mean
        learntStd = learnt.std
    }

    /// √(mean (m̂ − m)²) over the grid.
    public var meanRMSE: Double { Self.rmse(learntMean, trueMean) }
    /// √(mean (σ̂ − σ)²) over the grid.
    public var stdRMSE: Double { Self.rmse(learntStd, trueStd) }

    /// max over the grid of |σ̂/σ − 1|: in a bin around that p, a' has standard deviation σ/σ̂.
    public var maxRelativeStdError: Double { relativeStdErrors.max() ?? .nan }
    /// The p at which |σ̂/σ − 1| is largest.
    public var pOfMaxRelativeStdError: Double {
        let e = relativeStdErrors
        return e.indices.max(by: { e[$0] < e[$1] }).map { p[$0] } ?? .nan
    }

    /// Mean over the grid of ½c² + (r − 1)² with c = (m − m̂)/σ̂, r = σ/σ̂: a′ given p has mean c and std r
    /// after the layer, and ½c² + (r − 1)² is to second order the KL ½(c² + r² − 1 − log r²) a normal
    /// conditional keeps — the read-out's moment error in nats (p is uniform on the grid's range).
    public var momentCost: Double {
        Self.momentCost(trueMean: trueMean, trueStd: trueStd, learntMean: learntMean, learntStd: learntStd)
    }

    /// The mean of ½c² + (r − 1)² over paired grids of true and learnt moments.
    public static func momentCost(trueMean: [Double], trueStd: [Double], learntMean: [Double], learntStd: [Double]) -> Double {
        let costs = trueMean.indices.map { i -> Double in
            let c = (trueMean[i] - learntMean[i]) / learntStd[i], r = trueStd[i] / learntStd[i]
            return 0.5 * c * c + (r - 1) * (r - 1)
        }
        return costs.reduce(0, +) / Double(max(costs.count, 1))
    }

    var relativeStdErrors: [Double] { p.indices.map { abs(learntStd[$0] / trueStd[$0] - 1) } }

    static func rmse(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += (a[i] - b[i]) * (a[i] - b[i]) }
        return (sum / Double(max(a.count, 1))).squareRoot()
    }
}
