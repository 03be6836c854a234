import Foundation

/// The report while a run goes on: rewritten when a stage starts or finishes, and with the running
/// stages' latest counts as they make progress, each time as a complete, valid report of what has
/// finished, with a placeholder for each stage still running or not started.
///
/// Writes are the writer's (each page atomically, results.json last), so a run killed at any moment
/// leaves a report of what had finished. They run on a queue of their own, at most one every
/// `minimumInterval` (requests in between make one write with the latest state: a run of cached stages
/// costs a write or two, not two per stage), and progress asks for one only when the last is older than
/// `refreshInterval` (the page reloads itself as often). The run's last write, `complete`, is the same
/// document as a run without partial writes makes; no partial write follows it.
final class FillInReport: @unchecked Sendable {
    private enum Slot {
        case waiting
        case running(since: Date)
        /// Finished, or not selected: its result, or nil when it is neither run nor fresh in the cache.
        case settled(StageResult?)
    }

    private let stages: [(id: String, title: String)]
    private let assembly: ReportAssembly
    private let writer: ReportWriter
    private let printer: ProgressPrinter
    private let enabled: Bool
    var minimumInterval: TimeInterval = 2
    var refreshInterval = TimeInterval(IncompleteRunText.reloadSeconds)
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "couplinglab.fill-in-report")
    private var slots: [Slot]
    private var lastWrite = Date.distantPast
    private var scheduled = false
    private var finalized = false
    private var warned = false

    init(stages: [(id: String, title: String)], assembly: ReportAssembly, writer: ReportWriter, printer: ProgressPrinter,
         enabled: Bool) {
        self.stages = stages
        self.assembly = assembly
        self.writer = writer
        self.printer = printer
        self.enabled = enabled
        slots = Array(repeating: .waiting, count: stages.count)
    }

    /// A stage that is not run: its cached result, or nil (not run).
    func settle(_ index: Int, _ result: StageResult?) {
        lock.lock(); slots[index] = .settled(result); lock.unlock()
    }

    /// Records a started stage (its placeholder then says it is running).
    func started(_ index: Int) {
        lock.lock(); slots[index] = .running(since: Date()); lock.unlock()
        requestWrite()
    }

    /// Records a finished stage.
    func finished(_ index: Int, _ result: StageResult) {
        lock.lock(); slots[index] = .settled(result); lock.unlock()
        requestWrite()
    }

    /// Asks for a write with the running stages' latest counts, unless the last one is recent.
    func refresh() {
        lock.lock(); let due = Date().timeIntervalSince(lastWrite) >= refreshInterval; lock.unlock()
        if due { requestWrite() }
    }

    /// The complete report (every stage settled), the run's final document; partial writes end here
    /// (one in progress is finished first).
    func complete(generated: Date) -> ReportDocument {
        lock.lock(); defer { lock.unlock() }
        finalized = true
        return document(generated: generated)
    }

    private func requestWrite() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        guard !scheduled, !finalized else { return }
        scheduled = true
        let wait = max(0, minimumInterval - Date().timeIntervalSince(lastWrite))
        queue.asyncAfter(deadline: .now() + wait) { [self] in flush() }
    }

    private func flush() {
        lock.lock(); defer { lock.unlock() }
        scheduled = false
        guard !finalized else { return }
        let document = document(generated: Date())
        guard !document.pending.isEmpty else { return }
        lastWrite = Date()
        do { try writer.write(document) } catch {
            if !warned { printer.line("warning: cannot rewrite the report while the run goes on (\(error)); it is written at the end") }
            warned = true
        }
    }

    private func document(generated: Date) -> ReportDocument {
        var results: [StageResult] = [], notRun: [String] = [], pending: [PendingStage] = []
        for (index, slot) in slots.enumerated() {
            let (id, title) = stages[index]
            switch slot {
            case .settled(let result?): results.append(result)
            case .settled(nil): notRun.append(id)
            case .waiting: pending.append(PendingStage(id: id, title: title, state: .notStarted))
            case .running(let since):
                let activity = printer.activity(id)
                pending.append(PendingStage(id: id, title: title,
                                            state: .running(since: activity?.start ?? since, finished: activity?.counts?.finished,
                                                            total: activity?.counts?.total, unit: activity?.counts?.unit)))
            }
        }
        return assembly.document(results: results, notRun: notRun, pending: pending, stageOrder: stages.map(\.id), generated: generated)
    }
}
