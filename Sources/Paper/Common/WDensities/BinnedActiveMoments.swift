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
    }

    /// The largest |mean| over the bins.
    public var worstMean: Double { means.map(abs).max() ?? .nan }
    /// The largest |std − 1| over the bins.
    public var worstStd: Double { stds.map { abs($0 - 1) }.max() ?? .nan }
}
