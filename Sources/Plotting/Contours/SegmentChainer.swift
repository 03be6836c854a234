/// Joins segments that share end points (edge ids) into maximal chains.
enum SegmentChainer {
    struct Chain { var edges: [Int]; var closed: Bool }

    /// Chains `segments` (pairs of edge ids; each id is shared by at most two segments).
    /// Open strips start from ids used once; whatever remains forms closed loops.
    static func chain(_ segments: [(Int, Int)], edgeCount: Int) -> [Chain] {
        // For every edge id, the (up to two) segments touching it.
        var first = [Int32](repeating: -1, count: edgeCount)
        var second = [Int32](repeating: -1, count: edgeCount)
        for (k, (a, b)) in segments.enumerated() {
            for e in [a, b] {
                if first[e] < 0 { first[e] = Int32(k) } else { second[e] = Int32(k) }
            }
        }
        var used = [Bool](repeating: false, count: segments.count)
        var chains: [Chain] = []
        func other(_ e: Int, than k: Int) -> Int {
            let f = Int(first[e]), s = Int(second[e])
            return f == k ? s : f
        }
        func walk(from k0: Int, entering start: Int) -> [Int] {
            var edges = [start]
            var k = k0, at = start
            while k >= 0 && !used[k] {
                used[k] = true
                let (a, b) = segments[k]
                at = (a == at) ? b : a
                edges.append(at)
                k = other(at, than: k)
            }
            return edges
        }
        for (k, (a, b)) in segments.enumerated() where !used[k] {
            if second[a] < 0 { chains.append(Chain(edges: walk(from: k, entering: a), closed: false)) }
            else if second[b] < 0 { chains.append(Chain(edges: walk(from: k, entering: b), closed: false)) }
        }
        for (k, (a, _)) in segments.enumerated() where !used[k] {
            var edges = walk(from: k, entering: a)
            if edges.count > 1, edges.first == edges.last { edges.removeLast() }
            chains.append(Chain(edges: edges, closed: true))
        }
        return chains
    }
}
