import Foundation

/// Where a run writes: `<root>/report/`, `<root>/figures/` and the cache `<root>/.couplinglab-cache/`.
public struct OutputLayout: Sendable {
    /// The output root (the repository root for `make report`, `--out DIR` otherwise).
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// `report/`: results.json, index.md, index.html.
    public var reportDirectory: URL { root.appendingPathComponent("report", isDirectory: true) }
    /// `figures/`: the published figure files.
    public var figuresDirectory: URL { root.appendingPathComponent("figures", isDirectory: true) }
    /// `.couplinglab-cache/`: one folder per stage and key, plus staging folders.
    public var cacheDirectory: URL { root.appendingPathComponent(".couplinglab-cache", isDirectory: true) }
    /// Where running stages write their figures before they are published.
    public var stagingDirectory: URL { cacheDirectory.appendingPathComponent("staging", isDirectory: true) }
    /// `.couplinglab-cache/jobs/<stage>/`: single training jobs, cached on their own configuration.
    public var jobsDirectory: URL { cacheDirectory.appendingPathComponent("jobs", isDirectory: true) }
    /// The figure link prefix as seen from `report/index.{md,html}`.
    public var figureLinkPrefix: String { "../figures/" }

    /// Creates the output folders and proves they are writable, or throws `unwritableOutput`.
    public func prepare() throws {
        let manager = FileManager.default
        for directory in [reportDirectory, figuresDirectory, stagingDirectory] {
            do {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
                let probe = directory.appendingPathComponent(".write-probe-\(UUID().uuidString)")
                try Data().write(to: probe)
                try manager.removeItem(at: probe)
            } catch {
                throw ReportError.unwritableOutput(path: directory.path, reason: AtomicFile.describe(error))
            }
        }
    }

    /// Removes leftovers of interrupted runs (staging folders, `.tmp-` files and folders) older
    /// than `age` seconds; younger ones may belong to a run still in progress.
    public func removeStaleTemporaries(olderThan age: TimeInterval = 3600) {
        let manager = FileManager.default
        let cutoff = Date().addingTimeInterval(-age)
        var candidates: [URL] = []
        for folder in [stagingDirectory, figuresDirectory, reportDirectory] {
            let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            candidates += names.filter { folder == stagingDirectory || $0.contains(".tmp-") }
                .map { folder.appendingPathComponent($0) }
        }
        for stage in (try? manager.contentsOfDirectory(atPath: cacheDirectory.path)) ?? [] {
            let folder = cacheDirectory.appendingPathComponent(stage)
            candidates += ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasPrefix(".tmp-") }.map { folder.appendingPathComponent($0) }
        }
        for url in candidates {
            let modified = (try? manager.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
            if let modified, modified < cutoff { try? manager.removeItem(at: url) }
        }
    }
}
