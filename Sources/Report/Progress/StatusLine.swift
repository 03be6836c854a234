import Foundation

/// A running stage in one line: on a terminal with a bar, in a log with the percentage.
///
///     ex7   ████████░░░░░░░░  64/192 jobs · 14 min elapsed · about 25 min left
///     ex7   40 % · 77/192 jobs · 14 min elapsed · about 25 min left
///
/// The time left comes from the stage's `WorkLedger` when it has one (jobs or units of the same kind);
/// a stage that reports only a fraction gets `elapsed · (1 − f) / f`.
struct StatusLine {
    var id: String
    var fraction: Double
    var message: String
    var ledger: WorkLedger
    var elapsed: Double

    /// The line; `percent` replaces the bar (for logs), `idWidth` pads the id so that lines align.
    func text(percent: Int? = nil, idWidth: Int = 4) -> String {
        let head = id.padding(toLength: max(idWidth, id.count), withPad: " ", startingAt: 0)
        var parts: [String] = []
        if let counts = ledger.counts, counts.total > 0 { parts.append("\(counts.finished)/\(counts.total) \(counts.unit)") }
        if !message.isEmpty { parts.append(message) }
        parts.append("\(Self.duration(elapsed)) elapsed")
        if let left = timeLeft { parts.append(left) }
        let progress = percent.map { "\($0) %" } ?? Self.bar(fraction)
        return head + "  " + progress + (percent == nil ? "  " : " · ") + parts.joined(separator: " · ")
    }

    /// "about 25 min left", "less than a minute left", "estimating time left", or nil when nothing can be said.
    var timeLeft: String? {
        let left: Double?
        if !ledger.isEmpty {
            guard ledger.hasPending else { return nil }
            left = ledger.secondsLeft(elapsed: elapsed)
            if left == nil { return "estimating time left" }
        } else {
            guard fraction > 0.001, fraction < 1 else { return nil }
            left = elapsed * (1 - fraction) / fraction
        }
        guard let left else { return nil }
        return left < 60 ? "less than a minute left" : "about \(Self.duration(left)) left"
    }

    /// `████████░░░░░░░░` (16 cells).
    static func bar(_ fraction: Double, width: Int = 16) -> String {
        let filled = min(width, max(0, Int((fraction * Double(width)).rounded(.down))))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// `45 s`, `14 min`, `1 h 05 min` (minutes rounded to the nearest).
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        if seconds < 60 { return "\(Int(max(0, seconds).rounded(.down))) s" }
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return "\(minutes) min" }
        return String(format: "%d h %02d min", minutes / 60, minutes % 60)
    }
}
