import FlowCore
import CouplingTheory

/// Mean and standard deviation of the pushed-forward active coordinate a' in bins of p (Fig. 2e).
///
/// Lemma 1 (Eq. 11) says the optimal layer maps a | p to a' = (a − m(p))/σ(p), so in every p-bin a'
/// has mean 0 and standard deviation 1 (up to sampling error ≈ 1/√n per bin and the bin's width).
public struct BinnedActiveMoments: Sendable {
    public let centers: [Double]
    public let means: [Double]
    /// Sample standard deviations (n − 1 in the denominator).
    public let stds: [Double]
    public let counts: [Int]
    /// Standard error of each bin's mean: std / √n.
    public let meanStandardErrors: [Double]
    /// Standard error of each bin's standard deviation, by the delta method from the bin's own fourth
    /// central moment: SE(s) ≈ √((m₄ − s⁴) / (4 s² n)) — s/√(2n) for a normal bin, s·√(0.8/(4n)) for a uniform one.
    public let stdStandardErrors: [Double]

    /// Bins p (column 0 of `pushForward`) into `bins` equal bins over `range`; a' is column 1.
    /// Throws when a bin receives fewer than two samples.
    public init(pushForward: Matrix, bins: Int = 16, range: ClosedRange<Double> = -1.8...1.8) throws {
        guard bins >= 1, pushForward.cols == 2 else {
            throw TheoryError.invalidArgument(name: "bins/columns", value: "\(bins)/\(pushForward.cols)", reason: "need ≥ 1 bin and [p, a'] rows")
        }
        let width = (range.upperBound - range.lowerBound) / Double(bins)
        var sum = [Double](repeating: 0, count: bins), sumSq = sum, n = [Int](repeating: 0, count: bins)
        for r in 0..<pushForward.rows {
            let p = pushForward[r, 0], a = pushForward[r, 1]
            guard range.contains(p) else { continue }
            let b = min(Int((p - range.lowerBound) / width), bins - 1)
            sum[b] += a
            sumSq[b] += a * a
            n[b] += 1
        }
        if let empty = n.firstIndex(where: { $0 < 2 }) {
            throw TheoryError.tooFewSamples(needed: 2, got: n[empty], reason: "p-bin \(empty) of the push-forward")
        }
        centers = (0..<bins).map { range.lowerBound + (Double($0) + 0.5) * width }
        means = (0..<bins).map { sum[$0] / Double(n[$0]) }
        stds = (0..<bins).map { b in
            let c = Double(n[b])
            return max(0, (sumSq[b] - sum[b] * sum[b] / c) / (c - 1)).squareRoot()
        }
        counts = n
        // Second pass: the central fourth moment of each bin for the SE of its standard deviation.
        var m4 = [Double](repeating: 0, count: bins)
        let mu = means
        for r in 0..<pushForward.rows {
            let p = pushForward[r, 0]
            guard range.contains(p) else { continue }
            let b = min(Int((p - range.lowerBound) / width), bins - 1)
            let d = pushForward[r, 1] - mu[b]
            m4[b] += d * d * d * d
        }
        let sd = stds
        meanStandardErrors = (0..<bins).map { sd[$0] / Double(n[$0]).squareRoot() }
        stdStandardErrors = (0..<bins).map { b in
            let c = Double(n[b]), s2 = sd[b] * sd[b]
            guard s2 > 0 else { return 0 }
            return (max(0, m4[b] / c - s2 * s2) / (4 * s2 * c)).squareRoot()
        }
    }

    /// Per bin: |mean a′| ≤ k·SE_mean + allowance (Eq. 11's mean 0 within k standard errors).
    /// The bins' ½ĉ² + (r̂ − 1)², ĉ and r̂ the mean and std of a′ in each bin, weighted by their counts:
    /// the read-out's moment cost as the samples see it (with each bin's spread of m and its noise).
    public var momentCost: Double {
        let total = Double(counts.reduce(0, +))
        return means.indices.reduce(0.0) { acc, b in
            acc + Double(counts[b]) / total * (0.5 * means[b] * means[b] + (stds[b] - 1) * (stds[b] - 1))
        }
    }

    public func meanPasses(k: Double, allowance: Double = 0) -> [Bool] {
        means.indices.map { abs(means[$0]) <= k * meanStandardErrors[$0] + allowance }
    }

    /// Per bin: |std a′ − 1| ≤ k·SE_std + allowance (Eq. 11's standard deviation 1 within k standard errors).
    public func stdPasses(k: Double, allowance: Double = 0) -> [Bool] {
        stds.indices.map { abs(stds[$0] - 1) <= k * stdStandardErrors[$0] + allowance }
    }

    /// The largest |mean| / SE_mean and |std − 1| / SE_std over the bins (how many SEs the worst bin is off).
    public var worstMeanInSE: Double { means.indices.map { abs(means[$0]) / meanStandardErrors[$0] }.max() ?? .nan }
    public var worstStdInSE: Double { stds.indices.map { abs(stds[$0] - 1) / stdStandardErrors[$0] }.max() ?? .nan }

    /// The largest |mean| over the bins.
    public var worstMean: Double { means.map(abs).max() ?? .nan }
    /// The largest |std − 1| over the bins.
    public var worstStd: Double { stds.map { abs($0 - 1) }.max() ?? .nan }
}
