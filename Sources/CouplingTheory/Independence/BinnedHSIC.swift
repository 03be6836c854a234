import FlowCore

/// HSIC between a binned variable (a bin label per sample) and a scalar y, with the kernel
/// "same bin or not" on the labels and a Gaussian median-heuristic kernel on y.
///
/// Why a separate routine: on the one-hot encoding of the labels, HSIC's Gaussian kernel is
/// c + (1 − c)·[same bin] (one-hot distances are 0 or √2), and the centring removes c, so the
/// statistic is (1 − c) Σ_{i,j same bin} (HLH)_ij / n² and every permutation p-value equals that of
/// `HSIC.test` on the one-hot matrix (same subsample, same permutations). The sum runs only over
/// pairs within a bin — about n²/B terms instead of n² — so the test affords the sample sizes that
/// give it power (Lemma 2, Example 5). The reported statistic is Σ_{same bin} (HLH)_ij / n².
public enum BinnedHSIC {
    /// Tests y ⟂ label. `labels` and `y` are paired; labels are any integers (one per bin).
    public static func test(labels: [Int], y: [Double], config: HSICConfig = .init(),
                            using rng: inout SeededGenerator) throws -> IndependenceTestResult {
        guard labels.count == y.count, y.count >= 4 else {
            throw TheoryError.tooFewSamples(needed: 4, got: min(labels.count, y.count), reason: "HSIC needs ≥ 4 paired rows")
        }
        guard config.permutations >= 1, config.maxSamples >= 4, config.bandwidthScale > 0, config.bandwidthScale.isFinite else {
            throw TheoryError.invalidArgument(
                name: "HSICConfig", value: "\(config)", reason: "need permutations ≥ 1, maxSamples ≥ 4, bandwidthScale > 0")
        }
        guard y.allSatisfy(\.isFinite) else { throw TheoryError.invalidArgument(name: "samples", value: "NaN or ±∞", reason: "must be finite") }
        // The same random stream as HSIC.test: the subsample first, then one shuffle per permutation.
        let rows = HSIC.subsample(count: y.count, keep: config.maxSamples, using: &rng)
        let n = rows.count
        let (l, hy) = HSIC.gram(try Matrix(rows: y.count, cols: 1, values: y), rows: rows, scale: config.bandwidthScale)
        let lc = HSIC.centered(l, n: n)
        var groups: [Int: [Int]] = [:]
        for (position, row) in rows.enumerated() { groups[labels[row], default: []].append(position) }
        // In label order: a Dictionary's order changes between processes, and with it the rounding of the sum.
        let members = groups.keys.sorted().map { groups[$0]! }
        var permutation = Array(0..<n)
        let observed = withinBinSum(lc, n: n, groups: members, permutation: permutation) / Double(n * n)
        var exceed = 0
        for _ in 0..<config.permutations {
            HSIC.shuffle(&permutation, using: &rng)
            if withinBinSum(lc, n: n, groups: members, permutation: permutation) / Double(n * n) >= observed { exceed += 1 }
        }
        return IndependenceTestResult(
            statistic: observed, pValue: Double(1 + exceed) / Double(1 + config.permutations),
            permutations: config.permutations, sampleCount: n, bandwidthX: .nan, bandwidthY: hy)
    }

    /// Σ_bins Σ_{i,j in the bin} L̃_{π(i)π(j)}: tr(B P L̃ Pᵀ) for the same-bin indicator B.
    static func withinBinSum(_ lc: [Double], n: Int, groups: [[Int]], permutation pi: [Int]) -> Double {
        var total = 0.0
        lc.withUnsafeBufferPointer { l in
            for group in groups {
                let mapped = group.map { pi[$0] }
                for i in mapped {
                    let row = i &* n
                    var acc = 0.0
                    for j in mapped { acc += l[row &+ j] }
                    total += acc
                }
            }
        }
        return total
    }
}
