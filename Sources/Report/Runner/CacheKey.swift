import Foundation

/// Computes cache keys: SHA-256 of (stage id, profile, seed, config JSON, source digest).
///
/// The source digest covers the stage's own file and every declared dependency (files, or
/// folders hashed recursively over `.swift` and `.md` (prose) files by relative path and content), so editing
/// the code a stage runs invalidates exactly the stages that depend on it. Folder digests are
/// memoised because many stages share the same library folders.
final class CacheKeyer: @unchecked Sendable {
    private let lock = NSLock()
    private var memo: [String: String] = [:]

    init() {}

    /// The key of `stage` run at `seed` under `profile`; `configJSON` is `stage.configJSON(for: profile)`.
    func key(for stage: any Stage, seed: UInt64, profile: Profile, configJSON: Data) -> String {
        var hasher = SHA256()
        hasher.update("couplinglab-cache-v1\n\(stage.id)\n\(profile.rawValue)\n\(seed)\n")
        hasher.update(configJSON)
        hasher.update("\nsource:" + digest(ofPath: stage.sourceFile))
        let root = CacheKeyer.packageRoot(above: stage.sourceFile)
        for dependency in stage.sourceDependencies.sorted() {
            let path = dependency.hasPrefix("/") ? dependency : root.appendingPathComponent(dependency).path
            hasher.update("\ndep:\(dependency):" + digest(ofPath: path))
        }
        return hasher.hexDigest()
    }

    /// The digest of the library source a stage's jobs run (`Stage.jobSourceDependencies`); nil when it declares none.
    func jobCodeDigest(for stage: any Stage) -> String? {
        guard !stage.jobSourceDependencies.isEmpty else { return nil }
        var hasher = SHA256()
        hasher.update("couplinglab-job-code-v1\n")
        let root = CacheKeyer.packageRoot(above: stage.sourceFile)
        for dependency in stage.jobSourceDependencies.sorted() {
            let path = dependency.hasPrefix("/") ? dependency : root.appendingPathComponent(dependency).path
            hasher.update("\ndep:\(dependency):" + digest(ofPath: path))
        }
        return hasher.hexDigest()
    }

    /// The digest of a file or folder; a missing path hashes to a fixed marker, so a binary run
    /// away from its sources still has stable keys.
    func digest(ofPath path: String) -> String {
        lock.lock()
        if let known = memo[path] { lock.unlock(); return known }
        lock.unlock()
        let value = computeDigest(ofPath: path)
        lock.lock(); memo[path] = value; lock.unlock()
        return value
    }

    private func computeDigest(ofPath path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "missing"
        }
        var hasher = SHA256()
        if !isDirectory.boolValue {
            hasher.update((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data("unreadable".utf8))
            return hasher.hexDigest()
        }
        let files = (FileManager.default.subpaths(atPath: path) ?? [])
            .filter { $0.hasSuffix(".swift") || $0.hasSuffix(".md") }.sorted()
        for file in files {
            let data = (try? Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(file))) ?? Data()
            hasher.update("\n\(file)\n\(data.count)\n")
            hasher.update(data)
        }
        return hasher.hexDigest()
    }

    /// The nearest folder above `file` containing `Package.swift`, or the current directory.
    static func packageRoot(above file: String) -> URL {
        var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}
