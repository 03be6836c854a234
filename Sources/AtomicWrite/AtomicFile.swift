import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files by writing a temporary sibling and renaming it over the target, so a reader (or an
/// interrupted run) only ever sees the old or the new complete file. The one implementation of
/// this for the package: PlotCairo writes figures with it, Report its pages, cache entries and jobs;
/// each maps `AtomicFileError` to its own error type.
public enum AtomicFile {
    /// Calls `produce` with a temporary path beside `url`, then renames it to `url`; the folder is
    /// created first when `createFolder` (figures) and must exist otherwise (the report's folders
    /// are prepared once; a missing one is an error worth seeing). `beforeRename` runs just before
    /// the rename (a test seam). The temporary file is removed if anything throws.
    public static func write(to url: URL, createFolder: Bool = true, beforeRename: (URL) -> Void = { _ in },
                             _ produce: (URL) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        if createFolder {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw AtomicFileError(path: folder.path, reason: describe(error))
            }
        }
        let temp = temporarySibling(of: url)
        do {
            try produce(temp)
            beforeRename(url)
            try rename(temp, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            if let e = error as? AtomicFileError { throw e }
            throw AtomicFileError(path: url.path, reason: describe(error))
        }
    }

    /// Renames `source` to `destination`, replacing a file there (atomic on one file system).
    public static func rename(_ source: URL, to destination: URL) throws {
        if Foundation.rename(source.path, destination.path) != 0 {
            throw AtomicFileError(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }

    /// A hidden, unique name beside `url`: `.name.tmp-<uuid>`.
    public static func temporarySibling(of url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
    }

    /// A one-line description of a file-system error.
    public static func describe(_ error: Error) -> String {
        if let e = error as? AtomicFileError { return e.reason }
        return (error as NSError).localizedDescription
    }
}

/// A failed atomic write: the path and why.
public struct AtomicFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
