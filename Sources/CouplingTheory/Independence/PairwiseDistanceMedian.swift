/// The median-heuristic order statistic of HSIC's Gaussian kernel for scalar data, exactly and in
/// O(n log n) instead of sorting all n(n−1)/2 squared differences.
///
/// HSIC.gram sorts s_ij = fl(fl(y_i − y_j)²) over i < j and takes element ⌊M/2⌋,
/// M = n(n−1)/2. Rounding is monotone and symmetric, so for y sorted ascending s_ij grows with j and
/// shrinks with i: #{s_ij ≤ t} is a two-pointer count in O(n). Non-negative doubles order as their
/// bit patterns, so bisection over the 63-bit pattern finds the smallest t with #{s ≤ t} > ⌊M/2⌋ —
/// which is that element itself, bit for bit — in at most 64 counts.
enum PairwiseDistanceMedian {
    /// Element ⌊M/2⌋ (0-based) of the sorted squared pairwise differences; `y` needs ≥ 2 values.
    static func squaredMedian(_ y: [Double]) -> Double {
        precondition(y.count >= 2, "a pairwise median needs two values")
        let v = y.sorted(), n = v.count
        let target = (n * (n - 1) / 2) / 2 + 1   // #{s ≤ t} must reach this
        var lo: UInt64 = 0, hi = Double.greatestFiniteMagnitude.bitPattern
        // Largest possible s: (max − min)², which may round to +∞ only for absurd data; clamp the search.
        let top = (v[n - 1] - v[0]) * (v[n - 1] - v[0])
        if top.isFinite { hi = top.bitPattern }
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if countAtMost(v, Double(bitPattern: mid)) >= target { hi = mid } else { lo = mid + 1 }
        }
        return Double(bitPattern: lo)
    }

    /// #{i < j : fl(v_j − v_i)² ≤ t} for ascending v.
    static func countAtMost(_ v: [Double], _ t: Double) -> Int {
        var count = 0, i = 0
        v.withUnsafeBufferPointer { v in
            for j in 0..<v.count {
                while i < j, (v[j] - v[i]) * (v[j] - v[i]) > t { i += 1 }
                count += j - i
            }
        }
        return count
    }
}
