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
                throw ReportError.unwritableOutput(path: directory.path, reason: ReportFiles.describe(error))
            }
        }
    }

    /// Creates a staging folder for one run of `stageID` by this process: `staging/<stage>-<uuid>/`
    /// holding `.owner` (`host pid time`), so the next run can tell a killed run's folder from a live one's.
    func makeStagingFolder(for stageID: String) throws -> URL {
        let folder = stagingDirectory.appendingPathComponent("\(stageID)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((JobStore.ClaimOwner.current.line + "\n").utf8).write(to: folder.appendingPathComponent(".owner"))
        return folder
    }

    /// Removes leftovers of killed runs and returns them (paths relative to the root).
    ///
    /// Any caller removes staging folders whose owner is gone (a dead process on this host, or
    /// older than six hours from another host). A caller holding the exclusive cache lock knows no
    /// other run writes here, so it also removes staging folders without an owner file and every
    /// `.tmp-` file or folder in `figures/`, `report/`, the stage entry folders and the job folders.
    @discardableResult
    public func removeLeftovers(holdingExclusiveLock exclusive: Bool) -> [String] {
        let manager = FileManager.default
        let children = { (folder: URL) in
            ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map { folder.appendingPathComponent($0) }
        }
        var removed: [URL] = []
        for folder in children(stagingDirectory) {
            let owner = folder.appendingPathComponent(".owner")
            let stale = manager.fileExists(atPath: owner.path)
                ? JobStore.ClaimOwner.isStale(ownerFile: owner, lifetime: 6 * 3600) : exclusive
            if stale { removed.append(folder) }
        }
        if exclusive {
            var folders = [figuresDirectory, reportDirectory]
            for stage in children(cacheDirectory) where !["staging", "jobs"].contains(stage.lastPathComponent) {
                folders.append(stage)
            }
            folders += children(jobsDirectory)
            for folder in folders {
                removed += children(folder).filter { $0.lastPathComponent.contains(".tmp-") }
            }
        }
        var names: [String] = []
        for url in removed where (try? manager.removeItem(at: url)) != nil {
            names.append(String(url.standardizedFileURL.path.dropFirst(root.path.count + 1)))
        }
        return names
    }
}
