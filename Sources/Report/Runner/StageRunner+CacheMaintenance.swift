import Foundation

/// What `couplinglab cache verify` found: one line per problem, then counts.
public struct CacheVerification: Sendable, Equatable {
    /// `<stage>/<key>: <file>: <problem>` or `jobs/<stage>/<file>: <problem>`.
    public var problems: [String] = []
    public var entriesOK = 0, entriesDamaged = 0, jobsOK = 0, jobsDamaged = 0

    public var isClean: Bool { problems.isEmpty }
    public var summary: String {
        "cache verify: \(entriesOK) stage entries ok, \(entriesDamaged) damaged; "
            + "\(jobsOK) job files ok, \(jobsDamaged) damaged"
    }
}

/// What `couplinglab cache prune` removed (`<path relative to the output root> (<why>)`) and kept.
public struct CachePruning: Sendable, Equatable {
    public var removed: [String] = []
    public var entriesKept = 0, jobsKept = 0

    public var summary: String {
        "cache prune: removed \(removed.count) item(s); kept \(entriesKept) stage entries and \(jobsKept) job files"
    }
}

extension StageRunner {
    /// Checks every stage entry (entry.json's digest and decoding, each artifact's size and SHA-256)
    /// and every job file (its header checksum). Takes the shared lock: it runs beside shards.
    public func verifyCache() throws -> CacheVerification {
        let lock = try lockCache(.shared)
        defer { lock.release() }
        var report = CacheVerification()
        for (stageID, key) in entryFolders() {
            switch cache.inspect(stageID: stageID, key: key) {
            case .success?: report.entriesOK += 1
            case .failure(let problem)?:
                report.entriesDamaged += 1
                report.problems.append("\(stageID)/\(key): \(problem)")
            case nil: break
            }
        }
        for (stageID, file) in jobFiles(suffix: ".job") {
            if case .failure(let problem) = readJob(stageID: stageID, file: file) {
                report.jobsDamaged += 1
                report.problems.append("jobs/\(stageID)/\(file): \(problem)")
            } else {
                report.jobsOK += 1
            }
        }
        return report
    }

    /// Removes stage entries no current config can hit (keys of every stage under every profile),
    /// damaged entries and job files, stale claims and leftovers of killed runs. Job files that
    /// verify are kept (their keys hash the job code, which cannot be matched to a config without
    /// running the stage), unless `unusedJobs`: then a job file that the stage's current entry did
    /// not use and that is older than that entry goes too. Takes the exclusive lock.
    public func pruneCache(unusedJobs: Bool = false) throws -> CachePruning {
        let lock = try lockCache(.exclusive)
        defer { lock.release() }
        var report = CachePruning()
        report.removed += layout.removeLeftovers(holdingExclusiveLock: true).map { "\($0) (leftover of an interrupted run)" }
        let entries = pruneEntries(&report)
        pruneJobs(&report, entries: entries, unusedJobs: unusedJobs)
        return report
    }

    /// What prune needs to know of a stage's kept entries: the job keys they used, and when the newest was written.
    private struct KeptEntries { var jobs = Set<String>(), newest = Date.distantPast }

    /// Removes stage folders of unknown ids, entries of non-current keys and damaged entries.
    private func pruneEntries(_ report: inout CachePruning) -> [String: KeptEntries] {
        var current: [String: Set<String>] = [:]
        for stage in stages {
            for profile in Profile.allCases {
                guard let config = try? stage.configJSON(for: profile) else { continue }
                current[stage.id, default: []].insert(keyer.key(for: stage, seed: seed(of: stage), profile: profile, configJSON: config))
            }
        }
        let known = Set(stages.map(\.id))
        for stageID in stageFolders() where !known.contains(stageID) {
            remove(layout.cacheDirectory.appendingPathComponent(stageID), "no stage has this id", &report)
        }
        var kept: [String: KeptEntries] = [:]
        for (stageID, key) in entryFolders() where known.contains(stageID) {
            let folder = cache.entryDirectory(stageID: stageID, key: key)
            guard current[stageID]?.contains(key) == true else {
                remove(folder, "no current config of \(stageID) has this key", &report)
                continue
            }
            switch cache.inspect(stageID: stageID, key: key) {
            case .failure(let problem)?: remove(folder, "damaged: \(problem)", &report)
            case .success(let verified)?:
                report.entriesKept += 1
                kept[stageID, default: KeptEntries()].jobs.formUnion(verified.entry.jobs)
                let written = modificationDate(folder.appendingPathComponent(CacheEntryFile.name)) ?? .distantPast
                kept[stageID]!.newest = max(kept[stageID]!.newest, written)
            case nil: break
            }
        }
        return kept
    }

    /// Removes job folders of unknown ids, damaged job files, stale claims and (if `unusedJobs`)
    /// job files the kept entry of their stage did not use and that are older than it.
    private func pruneJobs(_ report: inout CachePruning, entries: [String: KeptEntries], unusedJobs: Bool) {
        let known = Set(stages.map(\.id))
        for stageID in subfolders(layout.jobsDirectory) where !known.contains(stageID) {
            remove(layout.jobsDirectory.appendingPathComponent(stageID), "no stage has this id", &report)
        }
        for (stageID, file) in jobFiles(suffix: ".job") where known.contains(stageID) {
            let url = layout.jobsDirectory.appendingPathComponent(stageID).appendingPathComponent(file)
            if case .failure(let problem) = readJob(stageID: stageID, file: file) {
                remove(url, "damaged: \(problem)", &report)
            } else if unusedJobs, let entry = entries[stageID], !entry.jobs.contains(String(file.dropLast(".job".count))),
                      (modificationDate(url) ?? .distantFuture) < entry.newest {
                remove(url, "not used by the current entry of \(stageID), and older than it", &report)
            } else {
                report.jobsKept += 1
            }
        }
        for (stageID, file) in jobFiles(suffix: ".claim") {
            let url = layout.jobsDirectory.appendingPathComponent(stageID).appendingPathComponent(file)
            if JobStore.ClaimOwner.isStale(ownerFile: url, lifetime: 6 * 3600) { remove(url, "stale claim", &report) }
        }
    }

    private func remove(_ url: URL, _ why: String, _ report: inout CachePruning) {
        guard (try? FileManager.default.removeItem(at: url)) != nil else { return }
        report.removed.append("\(url.path.dropFirst(layout.root.path.count + 1)) (\(why))")
    }

    // MARK: - walking the cache folder

    private func subfolders(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// Stage folders of the cache: everything but `staging/`, `jobs/`, the lock and temporaries.
    private func stageFolders() -> [String] {
        subfolders(layout.cacheDirectory).filter { !["staging", "jobs"].contains($0) }
    }

    /// `(stage, key)` of every entry folder.
    private func entryFolders() -> [(String, String)] {
        stageFolders().flatMap { stage in
            ((try? FileManager.default.contentsOfDirectory(atPath: layout.cacheDirectory.appendingPathComponent(stage).path)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted().map { (stage, $0) }
        }
    }

    /// `(stage, file name)` of every file under `jobs/<stage>/` ending in `suffix`.
    private func jobFiles(suffix: String) -> [(String, String)] {
        subfolders(layout.jobsDirectory).flatMap { stage in
            ((try? FileManager.default.contentsOfDirectory(atPath: layout.jobsDirectory.appendingPathComponent(stage).path)) ?? [])
                .filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }.sorted().map { (stage, $0) }
        }
    }

    private func readJob(stageID: String, file: String) -> Result<Data, JobStore.FileProblem> {
        let url = layout.jobsDirectory.appendingPathComponent(stageID).appendingPathComponent(file)
        guard let data = try? Data(contentsOf: url) else { return .failure(.unreadable) }
        return JobStore.decodeFile(data)
    }

    private func modificationDate(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
    }
}
