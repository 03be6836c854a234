import AtomicWrite
import Foundation

/// The report's atomic writes: `AtomicFile` with its errors as `ReportError.writeFailed` and the
/// fault-test checkpoint `rename:<folder>/<file>` before every rename.
enum ReportFiles {
    /// Writes `data` to `url` atomically.
    static func write(_ data: Data, to url: URL) throws {
        try mapped(url) { try AtomicFile.write(to: url, createFolder: false, beforeRename: checkpoint) { try data.write(to: $0) } }
    }

    /// Writes UTF-8 `text` to `url` atomically.
    static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Copies `source` to `destination` atomically.
    static func copy(_ source: URL, to destination: URL) throws {
        try mapped(destination) {
            try AtomicFile.write(to: destination, createFolder: false, beforeRename: checkpoint) { try FileManager.default.copyItem(at: source, to: $0) }
        }
    }

    /// Renames `source` to `destination`, replacing a file there.
    static func rename(_ source: URL, to destination: URL) throws {
        checkpoint(destination)
        try mapped(destination) { try AtomicFile.rename(source, to: destination) }
    }

    static func describe(_ error: Error) -> String {
        if let reportError = error as? ReportError { return reportError.description }
        return AtomicFile.describe(error)
    }

    private static func checkpoint(_ url: URL) {
        FaultInjection.reach("rename:\(url.deletingLastPathComponent().lastPathComponent)/\(url.lastPathComponent)")
    }

    private static func mapped(_ url: URL, _ body: () throws -> Void) throws {
        do { try body() } catch let e as AtomicFileError {
            throw ReportError.writeFailed(path: e.path, reason: e.reason)
        }
    }
}
