import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Settings of the k-nearest-neighbour conditional-moment estimator (for D_P ≥ 1).
public struct NearestNeighbourConfig: Codable, Sendable, Hashable {
    /// Neighbours per query point (the query itself included).
    public var neighbours: Int = 32
    /// At most this many query points, taken evenly through the sample order (cost O(queries·N·D_P)).
    public var maxQueries: Int = 1024

    public init(neighbours: Int = 32, maxQueries: Int = 1024) {
        self.neighbours = neighbours; self.maxQueries = maxQueries
    }
}

/// Δ̂ from samples with conditional moments estimated by k nearest neighbours in the passive space.
///
/// For each query sample j, the k samples nearest to p_j (Euclidean) give m̂_i(p_j) and the unbiased
/// variance v̂_i(p_j) of every active coordinate; Δ̂ = (1/Q) Σ_j Σ_i ½(m̂² + v̂ − 1 − log v̂), which is
/// Eq. 20 with E_p replaced by the average over the query samples (Algorithm 1, step 7). The
/// neighbourhood-variance bias shrinks as k/N → 0; the noise as k → ∞.
public enum NearestNeighbourDelta {
    /// `passive` is N×D_P, `active` N×D_A (rows are samples).
    public static func estimate(passive: Matrix, active: Matrix, config: NearestNeighbourConfig = .init()) throws -> Double {
        let n = passive.rows
        guard active.rows == n, passive.cols >= 1, active.cols >= 1 else {
            throw TheoryError.invalidArgument(
                name: "passive/active", value: "\(passive.rows)×\(passive.cols), \(active.rows)×\(active.cols)",
                reason: "need the same number of rows and ≥ 1 column each")
        }
        guard config.neighbours >= 2, config.maxQueries >= 1 else {
            throw TheoryError.invalidArgument(name: "neighbours", value: "\(config.neighbours)", reason: "must be ≥ 2")
        }
        guard n >= config.neighbours else {
            throw TheoryError.tooFewSamples(needed: config.neighbours, got: n, reason: "k nearest neighbours")
        }
        guard passive.isFinite, active.isFinite else { throw TheoryError.invalidArgument(name: "samples", value: "NaN or ±∞", reason: "must be finite") }
        let queries = min(n, config.maxQueries)
        let dims = passive.cols, k = config.neighbours
        // Passive coordinates column by column, so that the distance loop runs over contiguous samples
        // (it vectorises; Matrix subscripts in the old row loop cost ≈ 5× and were ex9's main cost).
        // Each distance still sums its coordinates in increasing order from 0, so the bits are unchanged.
        var columns = [Double](repeating: 0, count: n * dims)
        for i in 0..<n { for c in 0..<dims { columns[c * n + i] = passive.values[i * dims + c] } }
        var total = 0.0
        var distances = [Double](repeating: 0, count: n)
        var nearest = [Int](repeating: 0, count: k)
        columns.withUnsafeBufferPointer { col in
            distances.withUnsafeMutableBufferPointer { dist in
                nearest.withUnsafeMutableBufferPointer { heap in
                    for q in 0..<queries {
                        let j = q * n / queries
                        dist.update(repeating: 0)
                        for c in 0..<dims {
                            let x = col.baseAddress! + c &* n, xj = x[j]
                            for i in 0..<n { let e = x[i] - xj; dist[i] += e * e }
                        }
                        smallestIndices(UnsafeBufferPointer(dist), into: heap)
                        total += conditionalTerm(rows: UnsafeBufferPointer(heap), active: active)
                    }
                }
            }
        }
        return total / Double(queries)
    }

    /// Σ_i ½(m_i² + v_i − 1 − log v_i) over the active columns for the given rows.
    static func conditionalTerm(rows: UnsafeBufferPointer<Int>, active: Matrix) -> Double {
        let k = Double(rows.count), cols = active.cols
        var term = 0.0
        for c in 0..<cols {
            var s = 0.0
            for r in rows { s += active.values[r &* cols &+ c] }
            let m = s / k
            var ss = 0.0
            for r in rows { let d = active.values[r &* cols &+ c] - m; ss += d * d }
            let v = ss / (k - 1)
            term += TheoremOne.deltaIntegrand(mean: m, variance: v)
        }
        return term
    }

    /// The indices of the `heap.count` smallest values (ties broken by index) as a bounded max-heap,
    /// written into `heap` in heap order (callers sum over them in that order).
    static func smallestIndices(_ values: UnsafeBufferPointer<Double>, into heap: UnsafeMutableBufferPointer<Int>) {
        let count = heap.count
        var size = 0
        @inline(__always) func greater(_ a: Int, _ b: Int) -> Bool { values[a] > values[b] || (values[a] == values[b] && a > b) }
        @inline(__always) func offer(_ i: Int) {
            if size < count {
                heap[size] = i
                size &+= 1
                var c = size &- 1
                while c > 0, greater(heap[c], heap[(c &- 1) / 2]) { heap.swapAt(c, (c &- 1) / 2); c = (c &- 1) / 2 }
            } else if values[i] < values[heap[0]] {
                // = greater(heap[0], i): every index in the heap is < i, so a tie never favours i.
                heap[0] = i
                var p = 0
                while true {
                    let l = 2 &* p &+ 1, r = l &+ 1
                    var top = p
                    if l < size, greater(heap[l], heap[top]) { top = l }
                    if r < size, greater(heap[r], heap[top]) { top = r }
                    if top == p { break }
                    heap.swapAt(p, top); p = top
                }
            }
        }
        // Once the heap is full, most values are not below its largest: skip 8 at a time when none is
        // (the per-value compare-and-branch was ex9's main cost). Offers happen in index order as before.
        let n = values.count
        var i = 0
        while i < n, size < count { offer(i); i &+= 1 }
        let base = values.baseAddress!
        while i &+ 8 <= n {
            let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Double>.self)
            if chunk.min() < values[heap[0]] {
                for m in 0..<8 { offer(i &+ m) }
            }
            i &+= 8
        }
        while i < n { offer(i); i &+= 1 }
    }
}
