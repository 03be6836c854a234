import Foundation

/// The on-disk cache of stage outputs and their figure files.
///
/// An entry is built in a temporary folder and renamed into place, so an interrupted run
/// leaves either the old entry or the new one. Every read verifies entry.json's own digest and
/// each artifact's size and SHA-256; anything missing, unreadable or different is a miss that
/// prints one warning line naming the stage, the file and the problem. Figures are published
/// from the verified bytes, each by temp file + rename.
struct StageCache {
    let layout: OutputLayout
    let warn: @Sendable (String) -> Void

    func entryDirectory(stageID: String, key: String) -> URL {
        layout.cacheDirectory.appendingPathComponent(stageID, isDirectory: true)
            .appendingPathComponent(key, isDirectory: true)
    }

    /// The verified entry for `(stageID, key)`; nil when absent or damaged (with one warning line).
    func lookup(stageID: String, key: String) -> VerifiedEntry? {
        switch inspect(stageID: stageID, key: key) {
        case nil: return nil
        case .success(let verified)?: return verified
        case .failure(let problem)?:
            warn("warning: cache entry of \(stageID) is damaged: \(problem); recomputing \(stageID)")
            return nil
        }
    }

    /// Reads and verifies an entry: nil when there is no folder for the key, else the verified
    /// entry or the first problem found.
    func inspect(stageID: String, key: String) -> Result<VerifiedEntry, CacheProblem>? {
        let directory = entryDirectory(stageID: stageID, key: key)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return .failure(CacheProblem(file: key, problem: "is a file, not an entry folder")) }
        let entry: CacheEntry
        switch read(directory.appendingPathComponent(CacheEntryFile.name)).flatMap(CacheEntryFile.decode) {
        case .failure(let problem): return .failure(problem)
        case .success(let decoded): entry = decoded
        }
        guard entry.stageID == stageID, entry.key == key else {
            return .failure(CacheProblem(file: CacheEntryFile.name, problem: "belongs to \(entry.stageID)/\(entry.key)"))
        }
        let recorded = Set(entry.artifacts.map(\.name))
        if let unrecorded = entry.figures.first(where: { !recorded.contains($0) }) {
            return .failure(CacheProblem(file: unrecorded, problem: "has no size and SHA-256 in entry.json"))
        }
        var contents: [String: Data] = [:]
        for artifact in entry.artifacts {
            let data: Data
            switch read(directory.appendingPathComponent(artifact.name)) {
            case .failure(let problem): return .failure(problem)
            case .success(let bytes): data = bytes
            }
            if let problem = artifact.problem(with: data) { return .failure(CacheProblem(file: artifact.name, problem: problem)) }
            contents[artifact.name] = data
        }
        return .success(VerifiedEntry(entry: entry, contents: contents))
    }

    private func read(_ url: URL) -> Result<Data, CacheProblem> {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return .failure(CacheProblem(file: url.lastPathComponent, problem: "is missing"))
        }
        do { return .success(try Data(contentsOf: url)) } catch {
            return .failure(CacheProblem(file: url.lastPathComponent, problem: "is unreadable (\(ReportFiles.describe(error)))"))
        }
    }

    /// Stores a fresh result with its files (name → bytes, in publishing order), replacing older
    /// keys of the stage, and returns it as a verified entry (the bytes are the ones stored).
    func store(stageID: String, key: String, seconds: Double, output: StageOutput,
               files: [(name: String, data: Data)], jobs: [String]) throws -> VerifiedEntry {
        let entry = CacheEntry(stageID: stageID, key: key, seconds: seconds, output: output,
                               figures: files.map(\.name), artifacts: files.map { CacheArtifact(name: $0.name, data: $0.data) },
                               jobs: jobs.sorted())
        let manager = FileManager.default
        let stageFolder = layout.cacheDirectory.appendingPathComponent(stageID, isDirectory: true)
        let temp = stageFolder.appendingPathComponent(".tmp-\(UUID().uuidString)", isDirectory: true)
        do {
            try manager.createDirectory(at: temp, withIntermediateDirectories: true)
            for file in files { try file.data.write(to: temp.appendingPathComponent(file.name)) }
            try CacheEntryFile.encode(entry).write(to: temp.appendingPathComponent(CacheEntryFile.name))
            let final = entryDirectory(stageID: stageID, key: key)
            try? manager.removeItem(at: final)
            try ReportFiles.rename(temp, to: final)
        } catch {
            try? manager.removeItem(at: temp)
            throw ReportError.writeFailed(path: stageFolder.path, reason: ReportFiles.describe(error))
        }
        pruneOtherKeys(of: stageID, keeping: key)
        return VerifiedEntry(entry: entry, contents: Dictionary(files.map { ($0.name, $0.data) }) { a, _ in a })
    }

    /// Writes the entry's verified figure bytes into `figures/` (each by temp file + rename);
    /// a file already holding exactly those bytes is left alone.
    func publishFigures(of verified: VerifiedEntry) throws {
        for name in verified.entry.figures {
            guard let data = verified.contents[name] else {
                throw ReportError.writeFailed(path: name, reason: "not among the entry's verified files")
            }
            let target = layout.figuresDirectory.appendingPathComponent(name)
            if let existing = try? Data(contentsOf: target), existing == data { continue }
            try ReportFiles.write(data, to: target)
        }
    }

    private func pruneOtherKeys(of stageID: String, keeping key: String) {
        let folder = layout.cacheDirectory.appendingPathComponent(stageID, isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name != key && !name.hasPrefix(".tmp-") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}
