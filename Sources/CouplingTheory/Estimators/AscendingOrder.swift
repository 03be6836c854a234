/// The permutation that sorts finite values ascending, ties (−0 and +0 included) in index order: the
/// order that `indices.sorted { v[$0] < v[$1] || (v[$0] == v[$1] && $0 < $1) }` gives, and therefore also
/// that of Swift's stable `sorted { v[$0] < v[$1] }`.
///
/// Why not the comparison sort: OAS bins 4096 samples at each of 180 angles per layer, and the merge sort
/// through an index-reading closure was a fifth of Example 8's time (perf). A least-significant-digit
/// radix sort on order-preserving 64-bit keys is stable, so equal keys keep their index order.
enum AscendingOrder {
    /// Below this many values the comparison sort is as fast and needs no buffers.
    static let radixThreshold = 64

    /// The sorting permutation of `values`, which must hold no NaN (callers validate first).
    static func permutation(_ values: [Double]) -> [Int] {
        let n = values.count
        guard n >= radixThreshold else {
            return values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        }
        // Raw buffers: with arrays, every write in the scatter loop paid a uniqueness check (perf).
        var keys = UnsafeMutablePointer<UInt64>.allocate(capacity: n), keysOut = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        var order = UnsafeMutablePointer<Int>.allocate(capacity: n), orderOut = UnsafeMutablePointer<Int>.allocate(capacity: n)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 256)
        defer { keys.deallocate(); keysOut.deallocate(); order.deallocate(); orderOut.deallocate(); counts.deallocate() }
        values.withUnsafeBufferPointer { v in for i in 0..<n { keys[i] = orderKey(v[i]); order[i] = i } }
        for shift in stride(from: UInt64(0), to: 64, by: 8) {
            counts.update(repeating: 0, count: 256)
            for i in 0..<n { counts[Int(truncatingIfNeeded: (keys[i] >> shift) & 0xFF)] &+= 1 }
            // A digit all keys share moves nothing: skip the pass (most of a Double's high bytes).
            if (0..<256).contains(where: { counts[$0] == n }) { continue }
            var start = 0
            for d in 0..<256 { let c = counts[d]; counts[d] = start; start &+= c }
            for i in 0..<n {
                let k = keys[i], d = Int(truncatingIfNeeded: (k >> shift) & 0xFF)
                let at = counts[d]
                keysOut[at] = k; orderOut[at] = order[i]
                counts[d] = at &+ 1
            }
            swap(&keys, &keysOut); swap(&order, &orderOut)
        }
        return Array(UnsafeBufferPointer(start: order, count: n))
    }

    /// An unsigned key with the order of the value: −0 and +0 map to the same key (adding +0 turns −0 into
    /// +0), positives get the sign bit set, negatives are complemented.
    @inline(__always) static func orderKey(_ value: Double) -> UInt64 {
        let bits = (value + 0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
}
