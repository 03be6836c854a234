#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// How the binning estimator of Example 4 splits the passive axis.
public struct BinningConfig: Codable, Sendable, Hashable {
    public enum Scheme: String, Codable, Sendable, Hashable { case equalWidth, equalCount }
    /// Number of bins B (Example 4 uses 32).
    public var bins: Int = 32
    public var scheme: Scheme = .equalWidth
    /// Bins holding fewer samples are merged into their right neighbour (the last into its left one)
    /// and reported in `BinnedDeltaEstimate.underfilledBins`; ≥ 2 so that a variance exists.
    public var minSamplesPerBin: Int = 4

    public init(bins: Int = 32, scheme: Scheme = .equalWidth, minSamplesPerBin: Int = 4) {
        self.bins = bins; self.scheme = scheme; self.minSamplesPerBin = minSamplesPerBin
    }
}

/// One group of samples used as a bin: its p interval, size and the per-active-dimension moments.
public struct DeltaBin: Sendable, Equatable {
    public var lower: Double, upper: Double
    public var count: Int
    /// The original bin indices merged into this group (one index unless bins were underfilled).
    public var originalBins: ClosedRange<Int>
    public var means: [Double], variances: [Double]
    /// This group's share of Δ̂: (n_b/N)·Σ_i ½(m_i² + v_i − 1 − log v_i).
    public var contribution: Double
}

/// The binning estimate of Δ (Example 4, Algorithm 1 step 5) with everything it did to get it.
public struct BinnedDeltaEstimate: Sendable, Equatable {
    public var delta: Double
    public var bins: [DeltaBin]
    /// Original bins that held fewer than `minSamplesPerBin` samples (and were merged), in order.
    public var underfilledBins: [Int]
    public var sampleCount: Int
}

/// Δ̂ from samples by binning over a scalar passive coordinate (Example 4).
public enum BinnedDelta {
    /// Δ̂ = Σ_b (n_b/N) · ½ Σ_i (m̂_{b,i}² + v̂_{b,i} − 1 − log v̂_{b,i})  (Eq. 20 with E_p → bin average),
    /// m̂, v̂ the sample mean and unbiased (n−1) variance of each active coordinate in the bin.
    /// `active` holds one array per active dimension (D_A ≥ 1), each as long as `passive`.
    public static func estimate(passive: [Double], active: [[Double]], config: BinningConfig = .init()) throws
        -> BinnedDeltaEstimate
    {
        try validate(passive: passive, active: active, config: config)
        let order = AscendingOrder.permutation(passive)  // stable: ties in index order
        let assignment = binIndices(sortedOrder: order, passive: passive, config: config)
        var counts = [Int](repeating: 0, count: config.bins)
        for b in assignment { counts[b] += 1 }
        let groups = mergeGroups(counts: counts, minimum: config.minSamplesPerBin)
        var groupOf = [Int](repeating: 0, count: config.bins)
        for (g, r) in groups.enumerated() { for b in r { groupOf[b] = g } }
        var members = [[Int]](repeating: [], count: groups.count)
        for (k, i) in order.enumerated() { members[groupOf[assignment[k]]].append(i) }
        let n = Double(passive.count)
        var bins: [DeltaBin] = []
        for (g, idx) in members.enumerated() {
            var bin = moments(of: idx, active: active)
            bin.lower = passive[idx.first!]; bin.upper = passive[idx.last!]
            bin.originalBins = groups[g]
            bin.contribution *= Double(idx.count) / n
            bins.append(bin)
        }
        let under = counts.indices.filter { counts[$0] < config.minSamplesPerBin }
        return BinnedDeltaEstimate(
            delta: bins.reduce(0) { $0 + $1.contribution }, bins: bins, underfilledBins: under,
            sampleCount: passive.count)
    }

    static func validate(passive: [Double], active: [[Double]], config: BinningConfig) throws {
        guard config.bins >= 1 else {
            throw TheoryError.invalidArgument(name: "bins", value: "\(config.bins)", reason: "must be ≥ 1")
        }
        guard config.minSamplesPerBin >= 2 else {
            throw TheoryError.invalidArgument(
                name: "minSamplesPerBin", value: "\(config.minSamplesPerBin)", reason: "must be ≥ 2 for a variance")
        }
        guard !active.isEmpty, active.allSatisfy({ $0.count == passive.count }) else {
            throw TheoryError.invalidArgument(
                name: "active", value: "\(active.map(\.count))", reason: "need ≥ 1 column, each of length \(passive.count)")
        }
        guard passive.count >= config.minSamplesPerBin else {
            throw TheoryError.tooFewSamples(
                needed: config.minSamplesPerBin, got: passive.count, reason: "one bin needs \(config.minSamplesPerBin)")
        }
        guard passive.allSatisfy({ $0.isFinite }), active.allSatisfy({ $0.allSatisfy { $0.isFinite } }) else {
            throw TheoryError.invalidArgument(name: "samples", value: "NaN or ±∞", reason: "must be finite")
        }
    }

    /// The original bin of each sample, in sorted order. Equal-width: B equal intervals of
    /// [min p, max p] (the maximum goes in the last bin). Equal-count: ranks split into B blocks.
    static func binIndices(sortedOrder order: [Int], passive: [Double], config: BinningConfig) -> [Int] {
        let n = order.count, b = config.bins
        switch config.scheme {
        case .equalCount:
            return (0..<n).map { min(b - 1, $0 * b / n) }
        case .equalWidth:
            let lo = passive[order.first!], hi = passive[order.last!]
            let width = (hi - lo) / Double(b)
            guard width > 0 else { return [Int](repeating: 0, count: n) }
            return order.map { min(b - 1, max(0, Int((passive[$0] - lo) / width))) }
        }
    }

    /// Contiguous groups of original bins, each with ≥ `minimum` samples: underfilled bins join the
    /// next group; a trailing underfilled group joins the previous one.
    static func mergeGroups(counts: [Int], minimum: Int) -> [ClosedRange<Int>] {
        var groups: [ClosedRange<Int>] = []
        var start = 0, total = 0
        for b in counts.indices {
            total += counts[b]
            if total >= minimum { groups.append(start...b); start = b + 1; total = 0 }
        }
        if start < counts.count {
            if let last = groups.popLast() { groups.append(last.lowerBound...(counts.count - 1)) }
            else { groups.append(0...(counts.count - 1)) }
        }
        return groups
    }

    /// Mean, unbiased variance and the unweighted Eq. 20 term of the samples `idx`.
    static func moments(of idx: [Int], active: [[Double]]) -> DeltaBin {
        var means: [Double] = [], vars: [Double] = [], term = 0.0
        let c = Double(idx.count)
        for column in active {
            var s = 0.0
            for i in idx { s += column[i] }
            let m = s / c
            var ss = 0.0
            for i in idx { let d = column[i] - m; ss += d * d }
            let v = ss / (c - 1)
            means.append(m); vars.append(v)
            term += TheoremOne.deltaIntegrand(mean: m, variance: v)
        }
        return DeltaBin(lower: 0, upper: 0, count: idx.count, originalBins: 0...0, means: means, variances: vars,
                        contribution: term)
    }
}
