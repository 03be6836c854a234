import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files by writing a temporary sibling and renaming it over the target, so a reader
/// (or an interrupted run) only ever sees the old or the new complete file.
enum AtomicFile {
    /// Writes `data` to `url` atomically (temp file in the same folder, then `rename(2)`).
    static func write(_ data: Data, to url: URL) throws {
        let temp = temporarySibling(of: url)
        do {
            try data.write(to: temp)
            try rename(temp, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ReportError.writeFailed(path: url.path, reason: describe(error))
        }
    }

    /// Writes UTF-8 `text` to `url` atomically.
    static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Copies `source` to `destination` atomically (copy to a temp sibling, then rename).
    static func copy(_ source: URL, to destination: URL) throws {
        let temp = temporarySibling(of: destination)
        do {
            try FileManager.default.copyItem(at: source, to: temp)
            try rename(temp, to: destination)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ReportError.writeFailed(path: destination.path, reason: describe(error))
        }
    }

    /// Renames `source` to `destination`, replacing a file there (atomic on one file system).
    static func rename(_ source: URL, to destination: URL) throws {
        FaultInjection.reach("rename:\(destination.deletingLastPathComponent().lastPathComponent)/\(destination.lastPathComponent)")
        if Foundation.rename(source.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            throw ReportError.writeFailed(path: destination.path, reason: reason)
        }
    }

    /// A hidden, unique name beside `url`: `.name.tmp-<uuid>`.
    static func temporarySibling(of url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
    }

    static func describe(_ error: Error) -> String {
        if let reportError = error as? ReportError { return reportError.description }
        return (error as NSError).localizedDescription
    }
}
