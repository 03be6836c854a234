import Report

/// The generic "Findings" of a stage without its own analysis: every check that did not pass,
/// with its measured value and band, or one sentence that all passed. Generated, so the prose
/// never contradicts the checks.
enum CheckFindings {
    static func list(_ checks: [Check]) -> String {
        let open = checks.filter { $0.status != .pass }
        guard !open.isEmpty else { return "Every check of this section passes at this profile's tolerances." }
        return open.map { c in
            let lo = c.lower.map { ProseNumber.fmt($0, 4) } ?? "−∞", hi = c.upper.map { ProseNumber.fmt($0, 4) } ?? "∞"
            return "- `\(c.id)` is **\(c.status.rawValue)**: measured \(ProseNumber.fmt(c.measured, 4)), accepted [\(lo), \(hi)]"
                + (c.reason.map { " — \($0)" } ?? "") + "."
        }.joined(separator: "\n")
    }
}
