import Foundation

/// What both writers say about a run still going on (a partial report); nothing of it appears once the
/// run is complete, so the final pages are those of a run that never wrote a partial one.
enum IncompleteRunText {
    /// Seconds between reloads of an incomplete page.
    static let reloadSeconds = 30

    /// The summary's opening note (Markdown), naming the stages still to come; nil when complete.
    static func note(_ document: ReportDocument) -> String? {
        guard !document.isComplete else { return nil }
        let running = document.pending.filter { $0.isRunning }.map { "`\($0.id)`" }
        let waiting = document.pending.filter { !$0.isRunning }.map { "`\($0.id)`" }
        var missing: [String] = []
        if !running.isEmpty { missing.append(running.joined(separator: ", ") + " (running)") }
        if !waiting.isEmpty { missing.append(waiting.joined(separator: ", ") + " (not started yet)") }
        return "**The run is still going on:** this report is rewritten as each stage finishes. "
            + "Still missing: \(missing.joined(separator: "; ")). The scoreboard and every count below cover only the "
            + "\(document.results.count) finished stage\(document.results.count == 1 ? "" : "s")."
    }

    /// The placeholder of a stage still to come.
    static func placeholder(_ stage: PendingStage) -> String { stage.sentence() }

    /// The table of contents' mark of a stage still to come: " — running".
    static func contentsMark(_ stage: PendingStage) -> String { " — \(stage.shortState)" }

    /// Styles of the placeholders and the note, only in incomplete pages.
    static let css = """
    .badge.running { background: var(--inc-bg); color: var(--inc); }
    .badge.waiting { background: var(--soft); color: var(--muted); }
    section.pending .status { font-style: italic; }
    p.incomplete { background: var(--inc-bg); padding: .6rem .9rem; border-radius: 6px; }
    """
}
