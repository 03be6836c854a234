import FlowCore

/// The outcome of Example 5's permutation test of y ⟂ label.
public struct PermutationTestResult: Sendable, Equatable {
    /// BinnedHSIC's statistic Σ_{same bin} (HLH)_ij / n² of the (sub)sample.
    public var statistic: Double
    public var pValue: Double
    /// Permutations actually drawn (fewer than the maximum when the sequential test stopped early).
    public var permutations: Int
    /// Samples used (after subsampling) and the Gaussian bandwidth on y.
    public var sampleCount: Int
    public var bandwidth: Double
    /// Columns of the kernel factor (`LowRankBinnedHSIC`).
    public var rank: Int
}

/// The independence test of Example 5 (Lemma 2): the binned HSIC statistic (`LowRankBinnedHSIC`) with a permutation
/// p-value, either from a fixed number of permutations or sequential (Besag & Clifford 1991).
///
/// Sequential Monte-Carlo p-value (Besag & Clifford, Biometrika 78:301–304, 1991): draw permuted
/// statistics until `exceedances` = h of them are ≥ the observed one, or `maxPermutations` = m are
/// drawn. Stopped at the l-th with h exceedances: p = h/l; otherwise p = (e + 1)/(m + 1) as in the fixed
/// test. Under independence P(p ≤ u) = u at every attainable u, so the level is exact, as with m fixed
/// permutations. What it saves: a sample that looks independent (p ≈ 0.5) stops after about 2h
/// permutations instead of m. What it cannot save: a rejection at level α needs ≥ 1/α − 1 permutations
/// whatever the scheme (no p-value from fewer can be below α); with h ≥ α·m an early stop never
/// rejects, so the decision at level α is that of the fixed test with m permutations (same stream).
public enum SequentialHSICTest {
    /// Tests y ⟂ label on a uniform subsample of at most `maxSamples` pairs. `exceedances` nil: the fixed
    /// test with `maxPermutations` (same random stream and p-value as BinnedHSIC.test).
    public static func test(labels: [Int], y: [Double], maxSamples: Int, maxPermutations: Int, exceedances: Int?,
                     bandwidthScale: Double = 1, using rng: inout SeededGenerator) throws -> PermutationTestResult {
        guard labels.count == y.count, y.count >= 4 else {
            throw TheoryError.tooFewSamples(needed: 4, got: min(labels.count, y.count), reason: "HSIC needs ≥ 4 paired rows")
        }
        guard maxPermutations >= 1, maxSamples >= 4, exceedances.map({ $0 >= 1 }) ?? true, bandwidthScale > 0 else {
            throw TheoryError.invalidArgument(name: "permutation test", value: "m = \(maxPermutations), h = \(String(describing: exceedances)), n ≤ \(maxSamples)",
                                              reason: "need m ≥ 1, h ≥ 1, maxSamples ≥ 4, bandwidthScale > 0")
        }
        guard y.allSatisfy(\.isFinite) else { throw TheoryError.invalidArgument(name: "samples", value: "NaN or ±∞", reason: "must be finite") }
        let rows = HSIC.subsample(count: y.count, keep: maxSamples, using: &rng)
        let hsic = LowRankBinnedHSIC(labels: labels, y: y, rows: rows, bandwidthScale: bandwidthScale)
        var (rowBin, sums) = hsic.scratch()
        var permutation = Array(0..<hsic.n)
        let observed = hsic.statistic(permutation: permutation, rowBin: &rowBin, sums: &sums)
        let h = exceedances ?? Int.max
        var exceed = 0, drawn = 0
        while drawn < maxPermutations {
            HSIC.shuffle(&permutation, using: &rng)
            drawn += 1
            if hsic.statistic(permutation: permutation, rowBin: &rowBin, sums: &sums) >= observed {
                exceed += 1
                if exceed == h { break }
            }
        }
        let p = exceed == h ? Double(h) / Double(drawn) : Double(exceed + 1) / Double(maxPermutations + 1)
        return PermutationTestResult(statistic: observed, pValue: p, permutations: drawn, sampleCount: hsic.n,
                                     bandwidth: hsic.bandwidth, rank: hsic.rank)
    }
}
