import Foundation

/// Writes a file atomically: the producer writes a temporary file in the same folder, which is
/// then renamed over the destination, so readers never see a half-written figure.
enum AtomicFile {
    /// Calls `produce` with a temporary path next to `url`, then renames it to `url`.
    /// The temporary file is removed if `produce` throws.
    static func write(to url: URL, _ produce: (String) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CairoError.fileSystem(path: folder.path, message: error.localizedDescription)
        }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try produce(temp.path)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
        guard rename(temp.path, url.path) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw CairoError.fileSystem(path: url.path, message: message)
        }
    }
}
