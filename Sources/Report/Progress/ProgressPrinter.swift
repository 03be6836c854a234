import Foundation

/// Prints the runner's `[i/n] id …` lines and the status of every running stage.
///
/// On a terminal each running stage has one status line (`StatusLine`) with a bar, its jobs or units
/// and the time left; the block of lines is redrawn in place (cursor up + erase line) at most every
/// 0.2 s on news and every second for the clock, and lines are cut to the terminal's width so that
/// none wraps (a wrapped line would break the redraw). When the output is not a terminal (a log, CI,
/// Slurm) a stage prints one plain status line each time its progress passes a tenth, and no escape
/// code is ever written.
public final class ProgressPrinter: @unchecked Sendable {
    /// A running stage as the printer keeps it.
    struct Activity {
        var start: Date
        var fraction = 0.0
        var message = ""
        var ledger = WorkLedger()
        /// The last tenth of progress reached (0…10).
        var tenth = 0
    }

    private let write: @Sendable (String) -> Void
    private let isTerminal: Bool
    private let width: Int
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var active: [String: Activity] = [:]
    /// Running stages in the order they started (one status line each).
    private var order: [String] = []
    private var lastDraw = Date.distantPast
    /// Status lines on screen below the last whole line.
    private var drawn = 0
    private var clock: DispatchSourceTimer?

    /// - Parameters:
    ///   - isTerminal: whether `write` goes to a terminal (the CLI checks `isatty`).
    ///   - width: the terminal's columns (the CLI asks the terminal); status lines are cut to fit.
    ///   - now: the clock (tests pass a fixed one).
    ///   - write: receives text exactly as it should appear (lines end in "\n").
    public init(isTerminal: Bool, width: Int = 100, now: @escaping @Sendable () -> Date = { Date() },
                write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.width = max(20, width)
        self.now = now
        self.write = write
    }

    /// Prints a whole line (above the status lines on a terminal).
    public func line(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        clearBlock()
        write(text + "\n")
        drawBlock(force: true)
    }

    func started(_ id: String) {
        lock.lock(); defer { lock.unlock() }
        if active[id] == nil { order.append(id) }
        active[id] = Activity(start: now())
        drawBlock(force: true)
        startClock()
    }

    func finished(_ id: String) {
        lock.lock(); defer { lock.unlock() }
        active[id] = nil
        order.removeAll { $0 == id }
        clearBlock()
        drawBlock(force: true)
    }

    /// Records a stage's progress (`message` nil keeps the last one); in a log, prints its status line
    /// when it passes a tenth.
    func progress(_ id: String, fraction: Double, message: String?) {
        lock.lock(); defer { lock.unlock() }
        guard var entry = active[id] else { return }
        entry.fraction = fraction
        if let message { entry.message = message }
        let tenth = min(10, Int((fraction * 10 + 1e-9).rounded(.down)))
        let passed = tenth > entry.tenth
        if passed { entry.tenth = tenth }
        active[id] = entry
        if passed && !isTerminal { write(statusLine(id, entry).text(percent: tenth * 10, idWidth: idWidth) + "\n") }
        drawBlock(force: false)
    }

    /// Records the state of one of a stage's job grids or work counters.
    func work(_ id: String, _ update: WorkUpdate) {
        lock.lock(); defer { lock.unlock() }
        guard active[id] != nil else { return }
        active[id]!.ledger.record(update)
        drawBlock(force: false)
    }

    /// When a running stage started and what it has counted so far (for the report's placeholders).
    func activity(_ id: String) -> (start: Date, counts: (finished: Int, total: Int, unit: String)?)? {
        lock.lock(); defer { lock.unlock() }
        return active[id].map { ($0.start, $0.ledger.counts) }
    }

    /// Erases the status lines and stops the clock, before the final summary.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        clock?.cancel()
        clock = nil
        clearBlock()
    }

    private var idWidth: Int { max(4, order.map(\.count).max() ?? 0) }

    private func statusLine(_ id: String, _ entry: Activity) -> StatusLine {
        StatusLine(id: id, fraction: entry.fraction, message: entry.message, ledger: entry.ledger,
                   elapsed: now().timeIntervalSince(entry.start))
    }

    private func clearBlock() {
        guard isTerminal, drawn > 0 else { return }
        write("\r\u{1B}[2K" + String(repeating: "\u{1B}[1A\u{1B}[2K", count: drawn - 1))
        drawn = 0
    }

    private func drawBlock(force: Bool) {
        guard isTerminal, !order.isEmpty else { return }
        let time = now()
        guard force || time.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = time
        let lines = order.compactMap { id in active[id].map { String(statusLine(id, $0).text(idWidth: idWidth).prefix(width - 1)) } }
        clearBlock()
        write(lines.joined(separator: "\n"))
        drawn = lines.count
    }

    /// Redraws every second on a terminal, so the elapsed time moves while no job finishes.
    private func startClock() {
        guard isTerminal, clock == nil else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock(); defer { self.lock.unlock() }
            self.drawBlock(force: true)
        }
        timer.resume()
        clock = timer
    }

    /// `0.4s`, `12s`, `3m05s` (the `[i/n] id done in …` lines).
    static func formatDuration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1fs", seconds) }
        if seconds < 60 { return "\(Int(seconds.rounded()))s" }
        let total = Int(seconds.rounded())
        return String(format: "%dm%02ds", total / 60, total % 60)
    }
}
