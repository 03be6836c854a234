import Foundation
import XCTest
@testable import Report

/// One budget of compute threads for a whole run: stages and their jobs together never run more
/// threads than `--threads` (default: the cores), whatever `--jobs` says.
final class WorkerBudgetTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws { root = try makeTemporaryRoot() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// Eight stages at once (`--jobs 8`), each computing itself and then running a grid of six jobs on
    /// its own workers, on a 2-thread budget: never more than 2 compute at once.
    func testEightParallelStagesWithJobsNeverComputeOnMoreThreadsThanTheBudget() throws {
        let work = WorkLog(), events = StageEvents()
        let stages = (1...8).map { GridStage(id: "g\($0)", work: work) }
        var runner = try makeRunner(stages, root: root)
        runner.jobEvents = { events.add($0, $1) }
        let document = try runner.runReport(options: RunOptions(profile: .fast, jobs: 8, threads: 2))
        XCTAssertFalse(document.hasFailures)
        XCTAssertEqual(work.ranJobs.values.reduce(0, +), 8 * 6)
        XCTAssertLessThanOrEqual(work.peak, 2)
        XCTAssertEqual(work.peak, 2, "two threads did compute at once")
        // Every finished job reached the runner's job report, with its stage.
        XCTAssertEqual(events.byStage.mapValues(\.count), Dictionary(uniqueKeysWithValues: stages.map { ($0.id, 6) }))
        XCTAssertTrue(events.byStage.values.allSatisfy { $0.map(\.finished) == Array(1...6) && $0.allSatisfy { $0.total == 6 } })
    }

    /// More compute threads than the budget's default only when asked for (`--threads 4`).
    func testAnExplicitThreadCountIsHonoured() throws {
        let work = WorkLog()
        let stages = (1...8).map { GridStage(id: "g\($0)", work: work) }
        _ = try makeRunner(stages, root: root).runReport(options: RunOptions(profile: .fast, jobs: 8, threads: 4))
        XCTAssertLessThanOrEqual(work.peak, 4)
        XCTAssertGreaterThan(work.peak, 2)
    }

    func testTheDefaultBudgetIsTheCoresWhateverJobsSays() {
        XCTAssertEqual(RunOptions(jobs: 8).threads, ProcessInfo.processInfo.activeProcessorCount)
        XCTAssertEqual(RunOptions(jobs: 8).jobs, 8)
        XCTAssertEqual(RunOptions(jobs: 1, threads: 6).threads, 6)
    }

    /// The pool starts as many threads as asked, but only permit holders compute; a caller that holds a
    /// permit gives it back while it waits, so a 1-permit budget runs nested work without deadlock.
    func testThePoolComputesOnlyUnderPermitsAndTheWaitingCallerLendsItsOwn() throws {
        let budget = WorkerBudget(limit: 1), work = WorkLog()
        try budget.withPermit {
            XCTAssertTrue(budget.isHeldByCurrentThread)
            try WorkerPool.run(count: 12, threads: 6, budget: budget) { i in
                work.computing { Thread.sleep(forTimeInterval: 0.005) }
                work.ran(i)
            }
            XCTAssertTrue(budget.isHeldByCurrentThread, "the caller has its permit back")
        }
        XCTAssertEqual(work.ranJobs.count, 12)
        XCTAssertEqual(work.peak, 1)
        XCTAssertEqual(budget.peakInUse, 1)
        XCTAssertFalse(budget.isHeldByCurrentThread)
    }

    func testTheFirstErrorStopsThePoolAndIsRethrown() {
        struct Boom: Error {}
        let work = WorkLog()
        XCTAssertThrowsError(try WorkerPool.run(count: 100, threads: 1, budget: WorkerBudget(limit: 1)) { i in
            work.ran(i)
            if i == 3 { throw Boom() }
        }) { XCTAssertTrue($0 is Boom) }
        XCTAssertEqual(work.ranJobs.count, 4, "no item after the failing one was started")
    }
}

/// Job events by stage, collected from worker threads.
final class StageEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [String: [JobEvent]] = [:]
    func add(_ stage: String, _ event: JobEvent) { lock.lock(); events[stage, default: []].append(event); lock.unlock() }
    var byStage: [String: [JobEvent]] { lock.lock(); defer { lock.unlock() }; return events }
}
