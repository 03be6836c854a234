import Foundation

/// Prints the runner's `[i/n] id …` lines and, on a terminal, a live progress bar with an ETA.
///
/// On a terminal the bar is one line redrawn in place (`\r` + erase line), at most every
/// 0.2 s; the ETA of a stage is `elapsed · (1 − f) / f` from its last reported fraction f.
/// When the output is not a terminal only whole lines are printed, so logs stay readable.
public final class ProgressPrinter: @unchecked Sendable {
    private let write: @Sendable (String) -> Void
    private let isTerminal: Bool
    private let lock = NSLock()
    private var active: [String: (start: Date, fraction: Double, message: String)] = [:]
    private var lastDraw = Date.distantPast
    private var barVisible = false

    /// - Parameters:
    ///   - isTerminal: whether `write` goes to a terminal (the CLI checks `isatty`).
    ///   - write: receives text exactly as it should appear (lines end in "\n").
    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    /// Prints a whole line (clearing and redrawing the bar around it on a terminal).
    public func line(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        clearBar()
        write(text + "\n")
        drawBar(force: true)
    }

    func started(_ id: String) {
        lock.lock(); active[id] = (Date(), 0, ""); lock.unlock()
    }

    func finished(_ id: String) {
        lock.lock(); active[id] = nil; lock.unlock()
    }

    /// Records a stage's progress; redraws the bar on a terminal.
    func progress(_ id: String, fraction: Double, message: String) {
        lock.lock(); defer { lock.unlock() }
        guard let entry = active[id] else { return }
        active[id] = (entry.start, fraction, message)
        drawBar(force: false)
    }

    /// Erases the bar before the final summary.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        clearBar()
    }

    private func clearBar() {
        guard isTerminal, barVisible else { return }
        write("\r\u{1B}[2K")
        barVisible = false
    }

    private func drawBar(force: Bool) {
        guard isTerminal, !active.isEmpty else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let parts = active.keys.sorted().map { id -> String in
            let entry = active[id]!
            return Self.describe(id: id, fraction: entry.fraction, message: entry.message,
                                 elapsed: now.timeIntervalSince(entry.start))
        }
        write("\r\u{1B}[2K" + parts.joined(separator: "  "))
        barVisible = true
    }

    /// `ex1 [#####-----] 50% training ETA 12s` (ETA omitted until some progress is known).
    static func describe(id: String, fraction: Double, message: String, elapsed: Double) -> String {
        let width = 20
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        var text = "\(id) [\(bar)] \(Int((fraction * 100).rounded(.down)))%"
        if !message.isEmpty { text += " \(message)" }
        if fraction > 0.001 {
            text += " ETA \(formatDuration(elapsed * (1 - fraction) / fraction))"
        }
        return text
    }

    /// `0.4s`, `12s`, `3m05s`.
    static func formatDuration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1fs", seconds) }
        if seconds < 60 { return "\(Int(seconds.rounded()))s" }
        let total = Int(seconds.rounded())
        return String(format: "%dm%02ds", total / 60, total % 60)
    }
}
