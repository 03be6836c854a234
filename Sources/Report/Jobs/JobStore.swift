import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cache of single training jobs inside a stage: `.couplinglab-cache/jobs/<stage>/<key>.job`.
///
/// A job's key hashes its own description (configuration, seed, coordinates) with the digest of
/// the library source it runs (`Stage.jobSourceDependencies`), not the stage's prose or figure
/// code: editing a sentence of a stage reruns the stage, which then finds every job here.
///
/// File format: one header line `couplinglab-job v1 <sha256 of payload> <payload bytes>` and the
/// payload (JSON). A read verifies both; anything else is a miss with one warning line. Writes go
/// to a temporary sibling and are renamed into place, so concurrent writers (shards sharing the
/// cache over a network file system) never leave a torn file: the last complete write wins, and
/// both wrote the same bytes because jobs are deterministic.
///
/// Claims (`<key>.claim`, created with O_EXCL) let shard processes avoid running one job twice.
public struct JobStore: Sendable {
    /// `<cache>/jobs/<stage id>`.
    public let directory: URL
    /// Digest of the library source the jobs run; part of every key.
    public let codeDigest: String
    let warn: @Sendable (String) -> Void
    /// Collects the keys this run loaded or stored; the stage entry records them for `cache prune`.
    let used: JobKeyRecorder?
    /// A claim by another host counts as live for this long (a crashed remote shard's claim expires).
    public var claimLifetime: TimeInterval = 6 * 3600

    public init(directory: URL, codeDigest: String, warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(directory: directory, codeDigest: codeDigest, warn: warn, used: nil)
    }

    init(directory: URL, codeDigest: String, warn: @escaping @Sendable (String) -> Void, used: JobKeyRecorder?) {
        self.directory = directory
        self.codeDigest = codeDigest
        self.warn = warn
        self.used = used
    }

    /// The job cache of stage `id` beside this one, with the same code digest: a stage that reads
    /// another's jobs (ex8 reads ex6's and ex7's) finds them by the same keys. Its keys are not recorded
    /// as used by this stage's entry.
    public func forStage(_ id: String) -> JobStore {
        JobStore(directory: directory.deletingLastPathComponent().appendingPathComponent(id, isDirectory: true),
                 codeDigest: codeDigest, warn: warn)
    }

    static let magic = "couplinglab-job v1"

    /// The key of a job described by `description` (canonical JSON of its configuration and coordinates).
    public func key(for description: Data) -> String {
        var hasher = SHA256()
        hasher.update("couplinglab-job-key-v1\ncode:\(codeDigest)\n")
        hasher.update(description)
        return hasher.hexDigest()
    }

    /// The key of an `Encodable` job description (encoded with sorted keys).
    public func key<T: Encodable>(for description: T) throws -> String {
        key(for: try Self.canonicalJSON(description))
    }

    func file(_ key: String) -> URL { directory.appendingPathComponent("\(key).job") }
    func claimFile(_ key: String) -> URL { directory.appendingPathComponent("\(key).claim") }

    /// True when a verified result for `key` is stored (reads and checks it).
    public func contains(_ key: String) -> Bool { loadData(key) != nil }

    /// The stored payload of `key`, verified against its header; nil (with a warning for a damaged file) otherwise.
    public func loadData(_ key: String) -> Data? {
        let url = file(key)
        guard let data = try? Data(contentsOf: url) else { return nil }
        switch Self.decodeFile(data) {
        case .success(let payload):
            used?.record(key)
            return payload
        case .failure(let problem):
            warn("warning: job cache \(url.lastPathComponent) of \(directory.lastPathComponent): \(problem); recomputing it")
            return nil
        }
    }

    /// The stored value of `key` decoded as `T`, or nil.
    public func load<T: Decodable>(_ type: T.Type, key: String) -> T? {
        guard let payload = loadData(key) else { return nil }
        do { return try JSONDecoder().decode(T.self, from: payload) } catch {
            warn("warning: job cache \(key).job of \(directory.lastPathComponent) does not decode (\(error)); recomputing it")
            return nil
        }
    }

    /// Stores `value` under `key` atomically and removes this process's claim on it.
    public func store<T: Encodable>(_ value: T, key: String) throws {
        let payload = try Self.canonicalJSON(value)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try ReportFiles.write(Self.encodeFile(payload), to: file(key))
        used?.record(key)
        release(key)
    }

    // MARK: - claims

    /// Who holds a claim: `host pid unix-time`.
    struct ClaimOwner: Equatable {
        var host: String, pid: Int32, time: TimeInterval
        var line: String { "\(host) \(pid) \(Int(time))" }
        static var current: ClaimOwner { ClaimOwner(host: hostName(), pid: getpid(), time: Date().timeIntervalSince1970) }
        init(host: String, pid: Int32, time: TimeInterval) { self.host = host; self.pid = pid; self.time = time }
        init?(line: String) {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let pid = Int32(parts[1]), let time = TimeInterval(parts[2]) else { return nil }
            self.init(host: String(parts[0]), pid: pid, time: time)
        }

        /// Whether the owner recorded in `url` (a claim, or a staging folder's `.owner`) is gone: a
        /// dead process on this host, or older than `lifetime` on another host. An unreadable or
        /// half-written file is stale only once it is old enough (60 s) not to be mid-write.
        static func isStale(ownerFile url: URL, lifetime: TimeInterval) -> Bool {
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                  let owner = ClaimOwner(line: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
                return (modified.map { Date().timeIntervalSince($0) } ?? 0) > 60
            }
            if owner.host == hostName() { return kill(owner.pid, 0) != 0 && errno == ESRCH }
            return Date().timeIntervalSince1970 - owner.time > lifetime
        }
    }

    /// Claims `key` for this process (O_EXCL create). A stale claim — of a dead process on this
    /// host, or older than `claimLifetime` from another host — is taken over. Returns false when
    /// another live process holds it.
    public func claim(_ key: String) -> Bool {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = claimFile(key)
        for _ in 0..<2 {
            let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if fd >= 0 {
                let line = ClaimOwner.current.line + "\n"
                _ = line.withCString { write(fd, $0, strlen($0)) }
                close(fd)
                return true
            }
            guard isStaleClaim(url) else { return false }
            try? FileManager.default.removeItem(at: url)
        }
        return false
    }

    /// True when another live process holds a claim on `key`.
    public func isClaimedByOther(_ key: String) -> Bool {
        let url = claimFile(key)
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let owner = ClaimOwner(line: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return false
        }
        let me = ClaimOwner.current
        if owner.host == me.host && owner.pid == me.pid { return false }
        return !isStaleClaim(url)
    }

    /// Removes this process's claim on `key` (claims of others are left alone).
    public func release(_ key: String) {
        let url = claimFile(key)
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let owner = ClaimOwner(line: text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return }
        let me = ClaimOwner.current
        if owner.host == me.host && owner.pid == me.pid { try? FileManager.default.removeItem(at: url) }
    }

    func isStaleClaim(_ url: URL) -> Bool { ClaimOwner.isStale(ownerFile: url, lifetime: claimLifetime) }

    // MARK: - file format

    static func encodeFile(_ payload: Data) -> Data {
        var hasher = SHA256()
        hasher.update(payload)
        return Data("\(magic) \(hasher.hexDigest()) \(payload.count)\n".utf8) + payload
    }

    enum FileProblem: Error, CustomStringConvertible {
        case header, length(expected: Int, got: Int), checksum, unreadable
        var description: String {
            switch self {
            case .unreadable: return "unreadable"

            case .header: return "no valid header"
            case let .length(expected, got): return "payload of \(got) bytes, header says \(expected) (truncated?)"
            case .checksum: return "SHA-256 mismatch (damaged)"
            }
        }
    }

    static func decodeFile(_ data: Data) -> Result<Data, FileProblem> {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")),
              let header = String(data: data[data.startIndex..<newline], encoding: .utf8),
              header.hasPrefix(magic + " ") else { return .failure(.header) }
        let fields = header.dropFirst(magic.count + 1).split(separator: " ")
        guard fields.count == 2, let length = Int(fields[1]) else { return .failure(.header) }
        let payload = Data(data[(newline + 1)...])
        guard payload.count == length else { return .failure(.length(expected: length, got: payload.count)) }
        var hasher = SHA256()
        hasher.update(payload)
        guard hasher.hexDigest() == String(fields[0]) else { return .failure(.checksum) }
        return .success(payload)
    }

    static func canonicalJSON<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }
}

/// The job keys a stage run used (loaded or stored), collected across its worker threads.
final class JobKeyRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var keys = Set<String>()

    func record(_ key: String) { lock.lock(); keys.insert(key); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return keys.sorted() }
}

/// The host name (for claims); "localhost" when it cannot be read.
func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
    let name = String(cString: buffer)
    return name.isEmpty ? "localhost" : name.replacingOccurrences(of: " ", with: "_")
}
