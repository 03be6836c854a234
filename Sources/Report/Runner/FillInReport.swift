import Foundation

/// The report while a run goes on: rewritten whenever a stage finishes, and when a running stage passes
/// a tenth of its work (at most every `refreshInterval`), each time as a complete, valid report of what
/// has finished, with a placeholder for each stage still running or not started. Every write is the
/// writer's (each page atomically, results.json last), so a run killed at any moment leaves a report of
/// what had finished. The run's last write, `complete`, is the same document as a run without partial
/// writes would make.
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
    /// Least time between two writes that no finished stage asked for.
    var refreshInterval: TimeInterval = 10
    private let lock = NSLock()
    private var slots: [Slot]
    private var lastWrite = Date.distantPast
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

    func started(_ index: Int) {
        lock.lock(); slots[index] = .running(since: Date()); lock.unlock()
    }

    /// Records a finished stage and rewrites the report while others are still to come.
    func finished(_ index: Int, _ result: StageResult) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = .settled(result)
        writePartial()
    }

    /// Rewrites the report with the running stages' latest counts, unless it was written very recently.
    func refresh() {
        lock.lock(); defer { lock.unlock() }
        guard Date().timeIntervalSince(lastWrite) >= refreshInterval else { return }
        writePartial()
    }

    /// The complete report (every stage settled): the run's final document.
    func complete(generated: Date) -> ReportDocument {
        lock.lock(); defer { lock.unlock() }
        return document(generated: generated)
    }

    private func writePartial() {
        let document = document(generated: Date())
        guard enabled, !document.pending.isEmpty else { return }
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
