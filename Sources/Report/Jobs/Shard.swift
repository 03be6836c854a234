/// Shard K of N (1-based K): which jobs a `couplinglab report --shard K/N` process runs.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n else {
            throw ReportError.invalidShard(text)
        }
        index = k; count = n
    }

    public init(index: Int, count: Int) { self.index = index; self.count = count }

    /// Whether this shard owns the job with `key` (a hex SHA-256): a stable split independent of job order.
    public func owns(key: String) -> Bool {
        let prefix = UInt64(key.prefix(15), radix: 16) ?? 0
        return Int(prefix % UInt64(count)) == index - 1
    }

    /// Whether this shard owns item `position` of an ordered list (for whole stages without jobs).
    public func owns(position: Int) -> Bool { position % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
