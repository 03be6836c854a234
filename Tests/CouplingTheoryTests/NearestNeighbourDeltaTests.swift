@testable import CouplingTheory
import FlowCore
import XCTest

/// The vectorised kNN estimator must give the same bits as the plain row-by-row algorithm it replaced
/// (kept here as the reference): same distances, same neighbour sets in the same heap order.
final class NearestNeighbourDeltaTests: XCTestCase {
    /// The reference: distances by Matrix subscripts, a full sort with ties broken by index, then the
    /// bounded max-heap order reproduced by inserting the sorted k smallest into the same heap.
    private func reference(passive: Matrix, active: Matrix, neighbours k: Int, maxQueries: Int) -> Double {
        let n = passive.rows, queries = min(n, maxQueries)
        var total = 0.0
        for q in 0..<queries {
            let j = q * n / queries
            var d = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var s = 0.0
                for c in 0..<passive.cols { let e = passive[i, c] - passive[j, c]; s += e * e }
                d[i] = s
            }
            // The heap's content is the k smallest (value, index) pairs; its order is what the heap
            // algorithm leaves, so the reference runs the same insertion sequence on plain arrays.
            var heap: [Int] = []
            func greater(_ a: Int, _ b: Int) -> Bool { d[a] > d[b] || (d[a] == d[b] && a > b) }
            for i in 0..<n {
                if heap.count < k {
                    heap.append(i)
                    var c = heap.count - 1
                    while c > 0, greater(heap[c], heap[(c - 1) / 2]) { heap.swapAt(c, (c - 1) / 2); c = (c - 1) / 2 }
                } else if greater(heap[0], i) {
                    heap[0] = i
                    var p = 0
                    while true {
                        let l = 2 * p + 1, r = l + 1
                        var top = p
                        if l < heap.count, greater(heap[l], heap[top]) { top = l }
                        if r < heap.count, greater(heap[r], heap[top]) { top = r }
                        if top == p { break }
                        heap.swapAt(p, top); p = top
                    }
                }
            }
            // The selected set must be exactly the k smallest by (distance, index).
            let sorted = (0..<n).sorted { d[$0] < d[$1] || (d[$0] == d[$1] && $0 < $1) }
            XCTAssertEqual(Set(heap), Set(sorted.prefix(k)))
            var term = 0.0   // per query, then into the total (the estimator's order)
            for c in 0..<active.cols {
                var s = 0.0
                for r in heap { s += active[r, c] }
                let m = s / Double(k)
                var ss = 0.0
                for r in heap { let e = active[r, c] - m; ss += e * e }
                term += TheoremOne.deltaIntegrand(mean: m, variance: ss / Double(k - 1))
            }
            total += term
        }
        return total / Double(queries)
    }

    func testSameBitsAsTheRowByRowAlgorithm() throws {
        var rng = SeededGenerator(seed: 3)
        for (n, dp, da) in [(500, 1, 1), (777, 2, 3), (1024, 3, 5)] {
            // Rounded coordinates make equal distances (ties) common, so the tie rule is exercised.
            var p = Matrix(rows: n, cols: dp), a = Matrix(rows: n, cols: da)
            for i in 0..<n {
                for c in 0..<dp { p[i, c] = (4 * rng.normal()).rounded() / 4 }
                for c in 0..<da { a[i, c] = rng.normal() + p[i, 0] }
            }
            let fast = try NearestNeighbourDelta.estimate(passive: p, active: a, config: .init(neighbours: 16, maxQueries: 200))
            let slow = reference(passive: p, active: a, neighbours: 16, maxQueries: 200)
            XCTAssertEqual(fast.bitPattern, slow.bitPattern, "n=\(n) D_P=\(dp) D_A=\(da): \(fast) vs \(slow)")
        }
    }
}
