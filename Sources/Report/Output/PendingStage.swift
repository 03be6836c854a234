import Foundation

/// A stage of a run still going on, as its placeholder section in a partial report shows it.
public struct PendingStage: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Started at `since`; `finished` of `total` units (`unit`: "jobs", "angles") done, when it counts any.
        case running(since: Date, finished: Int?, total: Int?, unit: String?)
        case notStarted
    }

    public let id: String
    public let title: String
    public let state: State

    public init(id: String, title: String, state: State) {
        self.id = id; self.title = title; self.state = state
    }

    /// "Running since 14:02 — 64 of 192 jobs done." or "Not started yet." (times in `timeZone`).
    public func sentence(timeZone: TimeZone = .current) -> String {
        switch state {
        case .notStarted: return "Not started yet."
        case let .running(since, finished, total, unit):
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = "HH:mm"
            var text = "Running since \(formatter.string(from: since))"
            if let finished, let total, total > 0 { text += " — \(finished) of \(total) \(unit ?? "jobs") done" }
            return text + "."
        }
    }

    public var isRunning: Bool {
        if case .running = state { return true }
        return false
    }

    /// "running" or "not started yet" (the table of contents).
    var shortState: String { isRunning ? "running" : "not started yet" }
}
