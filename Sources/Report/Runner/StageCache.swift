import Foundation

/// One cached stage result: `.couplinglab-cache/<stage>/<key>/entry.json` beside its figure files.
struct CacheEntry: Codable {
    var stageID: String
    var key: String
    var seconds: Double
    var output: StageOutput
    /// Figure file names (with extension) stored beside entry.json.
    var figures: [String]
}

/// The on-disk cache of stage outputs and their figure files.
///
/// An entry is built in a temporary folder and renamed into place, so an interrupted run
/// leaves either the old entry or the new one. A corrupt or incomplete entry is reported
/// through `warn` and treated as a miss.
struct StageCache {
    let layout: OutputLayout
    let warn: @Sendable (String) -> Void

    func entryDirectory(stageID: String, key: String) -> URL {
        layout.cacheDirectory.appendingPathComponent(stageID, isDirectory: true)
            .appendingPathComponent(key, isDirectory: true)
    }

    /// The entry for `(stageID, key)` if present and intact.
    func lookup(stageID: String, key: String) -> CacheEntry? {
        let directory = entryDirectory(stageID: stageID, key: key)
        let file = directory.appendingPathComponent("entry.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            let entry = try JSONDecoder().decode(CacheEntry.self, from: Data(contentsOf: file))
            guard entry.stageID == stageID, entry.key == key else {
                warn("warning: cache entry \(file.path) belongs to another stage or key; rerunning \(stageID)")
                return nil
            }
            for figure in entry.figures
            where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(figure).path) {
                warn("warning: cache entry for \(stageID) is missing \(figure); rerunning \(stageID)")
                return nil
            }
            return entry
        } catch {
            warn("warning: cache entry for \(stageID) is corrupt (\(AtomicFile.describe(error))); rerunning \(stageID)")
            return nil
        }
    }

    /// Stores `entry` with its figure files copied from `figureSource`, replacing older keys of the stage.
    func store(_ entry: CacheEntry, figuresFrom figureSource: URL) throws {
        let manager = FileManager.default
        let stageFolder = layout.cacheDirectory.appendingPathComponent(entry.stageID, isDirectory: true)
        let temp = stageFolder.appendingPathComponent(".tmp-\(UUID().uuidString)", isDirectory: true)
        do {
            try manager.createDirectory(at: temp, withIntermediateDirectories: true)
            for figure in entry.figures {
                try manager.copyItem(at: figureSource.appendingPathComponent(figure),
                                     to: temp.appendingPathComponent(figure))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(entry).write(to: temp.appendingPathComponent("entry.json"))
            let final = entryDirectory(stageID: entry.stageID, key: entry.key)
            try? manager.removeItem(at: final)
            try AtomicFile.rename(temp, to: final)
        } catch {
            try? manager.removeItem(at: temp)
            throw ReportError.writeFailed(path: stageFolder.path, reason: AtomicFile.describe(error))
        }
        pruneOtherKeys(of: entry.stageID, keeping: entry.key)
    }

    /// Copies the entry's figures into `figures/` (each file atomically).
    func publishFigures(of entry: CacheEntry) throws {
        let directory = entryDirectory(stageID: entry.stageID, key: entry.key)
        for figure in entry.figures {
            try AtomicFile.copy(directory.appendingPathComponent(figure),
                                to: layout.figuresDirectory.appendingPathComponent(figure))
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
