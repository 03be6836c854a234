import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Settings of the k-nearest-neighbour conditional-moment estimator (for D_P ≥ 1).
public struct NearestNeighbourConfig: Codable, Sendable, Equatable {
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
        var total = 0.0
        var distances = [Double](repeating: 0, count: n)
        for q in 0..<queries {
            let j = q * n / queries
            for i in 0..<n {
                var d = 0.0
                for c in 0..<passive.cols { let e = passive[i, c] - passive[j, c]; d += e * e }
                distances[i] = d
            }
            let nearest = smallestIndices(distances, count: config.neighbours)
            total += conditionalTerm(rows: nearest, active: active)
        }
        return total / Double(queries)
    }

    /// Σ_i ½(m_i² + v_i − 1 − log v_i) over the active columns for the given rows.
    static func conditionalTerm(rows: [Int], active: Matrix) -> Double {
        let k = Double(rows.count)
        var term = 0.0
        for c in 0..<active.cols {
            var s = 0.0
            for r in rows { s += active[r, c] }
            let m = s / k
            var ss = 0.0
            for r in rows { let d = active[r, c] - m; ss += d * d }
            let v = ss / (k - 1)
            term += TheoremOne.deltaIntegrand(mean: m, variance: v)
        }
        return term
    }

    /// Indices of the `count` smallest values (ties broken by index), by a bounded max-heap.
    static func smallestIndices(_ values: [Double], count: Int) -> [Int] {
        var heap: [Int] = []  // max-heap on values
        heap.reserveCapacity(count)
        func greater(_ a: Int, _ b: Int) -> Bool { values[a] > values[b] || (values[a] == values[b] && a > b) }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var top = i
                if l < heap.count, greater(heap[l], heap[top]) { top = l }
                if r < heap.count, greater(heap[r], heap[top]) { top = r }
                if top == i { return }
                heap.swapAt(i, top); i = top
            }
        }
        for i in values.indices {
            if heap.count < count {
                heap.append(i)
                var c = heap.count - 1
                while c > 0, greater(heap[c], heap[(c - 1) / 2]) { heap.swapAt(c, (c - 1) / 2); c = (c - 1) / 2 }
            } else if greater(heap[0], i) {
                heap[0] = i; siftDown(0)
            }
        }
        return heap
    }
}
