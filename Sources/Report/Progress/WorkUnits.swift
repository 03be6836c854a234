import Foundation

/// Units of work that a stage runs itself rather than on a job grid (Figure 1's trainings at each angle,
/// the repetitions of Example 5's power study), counted for its status line the way a grid counts its
/// jobs: announced with their kind and cost, and each measured in CPU seconds as it finishes, so that the
/// time left is estimated from finished units of the same kind.
public final class WorkUnits: @unchecked Sendable {
    /// A unit to come: its kind and its relative cost (any unit, the same for all units of the counter).
    public struct Item: Sendable {
        public var kind: JobKind
        public var cost: Double

        public init(kind: JobKind, cost: Double = 1) {
            self.kind = kind; self.cost = cost
        }
    }

    private let context: StageContext
    private let unit: String
    private let range: ClosedRange<Double>
    private let id = JobGrid.ids.next()
    private let lock = NSLock()
    /// Orders the updates handed to the status line when units finish on several threads (`NSLock.compute`).
    private let delivery = NSLock()
    private var progress = JobGridProgress()

    /// Announces `items`, to be counted in `unit` ("angles"); the stage's progress bar moves across
    /// `range` as they finish.
    public init(_ context: StageContext, unit: String, expecting items: [Item], progress range: ClosedRange<Double> = 0...1) {
        self.context = context
        self.unit = unit
        self.range = range
        for (index, item) in items.enumerated() { progress.add(AnyHashable(index), kind: item.kind, cost: item.cost) }
        context.report(progress.update(source: id, unit: unit))
    }

    /// Runs one unit of `kind` (of cost `cost`) and reports it with the CPU seconds it took.
    public func measure<T>(_ kind: JobKind, cost: Double = 1, _ body: () throws -> T) rethrows -> T {
        let start = ThreadCPUClock.seconds()
        let value = try body()
        let seconds = ThreadCPUClock.seconds() - start
        lock.compute({
            progress.finish(kind: kind, cost: cost, trained: true)
            return (progress.update(source: id, unit: unit, done: .init(kind: kind, cost: cost, cpuSeconds: seconds, ranHere: true)),
                    progress.fraction)
        }, thenDeliverInOrderThrough: delivery) { update, fraction in
            context.advance(to: range.lowerBound + (range.upperBound - range.lowerBound) * fraction)
            context.report(update)
        }
        return value
    }

    /// No more units will run (the work stopped early on purpose): those announced and not run are dropped.
    public func end() {
        lock.compute({
            progress.dropPending()
            return progress.update(source: id, unit: unit)
        }, thenDeliverInOrderThrough: delivery, to: context.report)
    }
}
