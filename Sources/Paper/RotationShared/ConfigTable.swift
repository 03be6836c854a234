import Foundation
import Report

/// Renders a stage's Codable config as a Markdown table (key, value), for the report section.
enum ConfigTable {
    /// One row per top-level key, sorted; nested values are shown as compact JSON.
    static func markdown<C: Encodable>(_ config: C) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(config),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return "(configuration could not be encoded)"
        }
        let rows = object.keys.sorted().map { key -> [String] in
            let value = object[key]!
            if let nested = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]),
               let text = String(data: nested, encoding: .utf8) {
                return ["`\(key)`", "`\(text)`"]
            }
            return ["`\(key)`", "\(value)"]
        }
        return Markdown.table(header: ["parameter", "value"], rows: rows)
    }

    /// A number with `digits` decimals.
    static func fmt(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", x) }
}
