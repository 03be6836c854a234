import FlowCore
import Foundation

/// A model file that cannot be used: names the file and the problem (and the line, when known).
public struct ModelFileError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
}

extension FittedModel {
    /// Reads and validates a model file: JSON, `format` and `version` checked before the flow is decoded
    /// (decoding re-runs every validating initialiser, so shapes and orthogonality are checked too).
    public static func load(path: String) throws -> FittedModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelFileError(path: path, problem: "cannot read the model file (missing or not readable)")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let text = String(decoding: data, as: UTF8.self)
            // A truncated file fails at its end: name its last line.
            let lines = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0))
            throw ModelFileError(path: path, problem: "line \(lines): not a complete JSON document (truncated or corrupted model file)")
        }
        guard let top = object as? [String: Any], top["format"] as? String == formatName else {
            throw ModelFileError(path: path, problem: "not a couplinglab model (no \"format\": \"\(formatName)\")")
        }
        guard let version = top["version"] as? Int else {
            throw ModelFileError(path: path, problem: "the model has no integer \"version\" field")
        }
        guard version == currentVersion else {
            throw ModelFileError(path: path, problem: "model format version \(version) is not supported (this couplinglab reads version \(currentVersion))")
        }
        do {
            return try JSONDecoder().decode(FittedModel.self, from: data)
        } catch let error as DecodingError {
            throw ModelFileError(path: path, problem: "invalid model: \(describe(error))")
        } catch {
            throw ModelFileError(path: path, problem: "invalid model: \(error)")
        }
    }

    /// Writes the model as JSON to a temporary file in the same folder, then renames it over `path`,
    /// so an existing model is never left half-written.
    public func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(self)
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temp)
            guard rename(temp.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }   // atomic on POSIX
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ModelFileError(path: path, problem: "cannot write the model file (\(error.localizedDescription))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func where_(_ path: [CodingKey]) -> String { path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, ctx): return "missing key '\(where_(ctx.codingPath + [key]))'"
        case let .typeMismatch(_, ctx), let .valueNotFound(_, ctx), let .dataCorrupted(ctx):
            return "\(where_(ctx.codingPath)): \(ctx.underlyingError.map { "\($0)" } ?? ctx.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
