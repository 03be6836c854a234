import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An flock(2) lock on `.couplinglab-cache/lock`: who may write what at the same time.
///
/// - `exclusive`: `report`, `figure`, `cache prune`. They write `report/`, `figures/` and stage
///   entries, or delete cache files, and clean every temporary: nobody else may run beside them.
/// - `shared`: `report --shard K/N` and `cache verify`. Shards write only their own job files
///   (temp + rename, with claims) and their own staging folder, so any number run at once.
///
/// So a `report` started while shards run waits for them to finish (and then finds all their
/// jobs), and shards started during a `report` wait for it. The lock is released by the kernel
/// when the process dies, so a killed run never leaves a stuck lock. flock on NFS is emulated by
/// byte-range locks on Linux (NFSv4, or v3 with lockd): shards on several hosts sharing a cache
/// folder over NFS are still excluded from a report.
public final class CacheLock: @unchecked Sendable {
    public enum Mode: Sendable { case shared, exclusive }

    private var descriptor: Int32
    public let path: String
    public let mode: Mode

    private init(descriptor: Int32, path: String, mode: Mode) {
        self.descriptor = descriptor
        self.path = path
        self.mode = mode
    }

    /// Takes the lock of `layout`'s cache in `mode`, creating the cache folder if needed.
    /// If another process holds a conflicting lock, calls `waiting` once and blocks until it is free.
    public static func acquire(_ mode: Mode, layout: OutputLayout, waiting: (String) -> Void) throws -> CacheLock {
        let url = layout.cacheDirectory.appendingPathComponent("lock")
        do {
            try FileManager.default.createDirectory(at: layout.cacheDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.lockFailed(path: url.path, reason: ReportFiles.describe(error))
        }
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReportError.lockFailed(path: url.path, reason: String(cString: strerror(errno))) }
        let operation = mode == .exclusive ? LOCK_EX : LOCK_SH
        if flock(fd, operation | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw ReportError.lockFailed(path: url.path, reason: reason)
            }
            waiting("waiting: another couplinglab process is using \(layout.cacheDirectory.path) "
                    + "(lock \(url.path)); this run continues when it finishes")
            while flock(fd, operation) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw ReportError.lockFailed(path: url.path, reason: reason)
                }
            }
        }
        return CacheLock(descriptor: fd, path: url.path, mode: mode)
    }

    /// Releases the lock (also done on deinit and, by the kernel, when the process exits).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
