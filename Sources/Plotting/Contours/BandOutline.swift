/// Merges the tiles of one filled-contour band into few boundary rings, by cancelling every
/// edge that two tiles share (traversed once in each direction) and chaining what is left.
///
/// The fill is unchanged: the winding number of a point depends only on the multiset of directed
/// edges, and removing an opposite pair a→b, b→a leaves it intact; every vertex keeps as many
/// edges in as out, so walking unused edges always closes a ring. Holes come out clockwise,
/// which the non-zero rule leaves empty. Shared vertices are matched after rounding to `quantum`;
/// a pair that fails to match only costs a little size, never correctness.
enum BandOutline {
    struct Key: Hashable { var x: Int64; var y: Int64 }
    struct Edge: Hashable { var from: Key; var to: Key }

    static func merge(_ polygons: [[DataPoint]], quantum: Double) -> [[DataPoint]] {
        guard quantum > 0 else { return polygons }
        var position: [Key: DataPoint] = [:]
        var count: [Edge: Int] = [:]
        func key(_ p: DataPoint) -> Key {
            let k = Key(x: Int64((p.x / quantum).rounded()), y: Int64((p.y / quantum).rounded()))
            if position[k] == nil { position[k] = p }
            return k
        }
        for poly in polygons {
            let keys = poly.map(key)
            for i in keys.indices {
                let a = keys[i], b = keys[(i + 1) % keys.count]
                guard a != b else { continue }
                let reverse = Edge(from: b, to: a)
                if let n = count[reverse], n > 0 {
                    count[reverse] = n == 1 ? nil : n - 1
                } else {
                    count[Edge(from: a, to: b), default: 0] += 1
                }
            }
        }
        return chain(count, points: position)
    }

    /// Walks the remaining directed edges into closed rings.
    static func chain(_ count: [Edge: Int], points: [Key: DataPoint]) -> [[DataPoint]] {
        var next: [Key: [Key]] = [:]
        for (e, n) in count { next[e.from, default: []].append(contentsOf: repeatElement(e.to, count: n)) }
        var rings: [[DataPoint]] = []
        for start in next.keys.sorted(by: { ($0.y, $0.x) < ($1.y, $1.x) }) {
            while let first = next[start]?.popLast() {
                var ring = [start]
                var at = first
                while at != start, let step = next[at]?.popLast() {
                    ring.append(at)
                    at = step
                }
                if at != start { ring.append(at) }   // unbalanced input: keep what was walked
                if ring.count >= 3 { rings.append(ring.compactMap { points[$0] }) }
            }
        }
        return rings
    }
}
