import Foundation

/// A file stored in a cache entry beside `entry.json` (a figure, or any data file), with the
/// size and SHA-256 it must have: a read that finds anything else is a miss.
struct CacheArtifact: Codable, Equatable, Sendable {
    var name: String
    var size: Int
    var sha256: String

    init(name: String, data: Data) {
        var hasher = SHA256()
        hasher.update(data)
        self.init(name: name, size: data.count, sha256: hasher.hexDigest())
    }

    init(name: String, size: Int, sha256: String) {
        self.name = name
        self.size = size
        self.sha256 = sha256
    }

    /// Why `data` is not this artifact, or nil when it is.
    func problem(with data: Data) -> String? {
        if data.count != size { return "has \(data.count) bytes, entry.json records \(size) (truncated or replaced)" }
        var hasher = SHA256()
        hasher.update(data)
        return hasher.hexDigest() == sha256 ? nil : "SHA-256 differs from entry.json's (damaged)"
    }
}

/// One cached stage result: `.couplinglab-cache/<stage>/<key>/entry.json` beside its artifacts.
struct CacheEntry: Codable, Sendable {
    var stageID: String
    var key: String
    var seconds: Double
    var output: StageOutput
    /// Figure file names (with extension) stored beside entry.json, in publishing order.
    var figures: [String]
    /// Every file stored beside entry.json, with its size and SHA-256.
    var artifacts: [CacheArtifact]
    /// Keys of the job files (`jobs/<stage>/<key>.job`) the run loaded or stored; `cache prune` keeps them.
    var jobs: [String]
}

/// A problem found in a cache entry: which file, and what is wrong with it.
struct CacheProblem: Error, Equatable, CustomStringConvertible {
    var file: String
    var problem: String
    var description: String { "\(file): \(problem)" }
}

/// The bytes of `entry.json`: `{"sha256":"<hex>","entry":<entry JSON>}` and a newline.
///
/// The digest covers the exact bytes of the `entry` value, so a flipped byte that still parses
/// (a digit of a metric) is caught like a truncation. The envelope has a fixed-width prefix,
/// so the entry's bytes are found without re-encoding (JSON re-encoding is not byte-stable).
enum CacheEntryFile {
    static let name = "entry.json"
    private static let head = "{\"sha256\":\""
    private static let middle = "\",\"entry\":"
    private static let tail = "}\n"

    static func encode(_ entry: CacheEntry) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = try encoder.encode(entry)
        var hasher = SHA256()
        hasher.update(payload)
        return Data((head + hasher.hexDigest() + middle).utf8) + payload + Data(tail.utf8)
    }

    static func decode(_ data: Data) -> Result<CacheEntry, CacheProblem> {
        let prefixLength = head.utf8.count + 64 + middle.utf8.count
        let bytes = [UInt8](data)
        guard bytes.count > prefixLength + tail.utf8.count,
              bytes.starts(with: Array(head.utf8)),
              Array(bytes[(head.utf8.count + 64)..<prefixLength]) == Array(middle.utf8),
              Array(bytes.suffix(tail.utf8.count)) == Array(tail.utf8) else {
            return .failure(CacheProblem(file: name, problem: "not a checksummed cache entry (truncated, damaged or older format)"))
        }
        let digest = String(decoding: bytes[head.utf8.count..<(head.utf8.count + 64)], as: UTF8.self)
        let payload = Data(bytes[prefixLength..<(bytes.count - tail.utf8.count)])
        var hasher = SHA256()
        hasher.update(payload)
        guard hasher.hexDigest() == digest else {
            return .failure(CacheProblem(file: name, problem: "SHA-256 of its contents differs from the one it records (damaged)"))
        }
        do {
            return .success(try JSONDecoder().decode(CacheEntry.self, from: payload))
        } catch {
            return .failure(CacheProblem(file: name, problem: "does not decode (\(error))"))
        }
    }
}

/// An entry whose entry.json and every artifact were read and verified; `contents` holds the
/// verified bytes, so what is published is exactly what was checked.
struct VerifiedEntry: Sendable {
    var entry: CacheEntry
    var contents: [String: Data]
}
