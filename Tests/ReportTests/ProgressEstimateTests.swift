import Foundation
import XCTest
@testable import Report

/// The time left of a running stage, from hand-made job events: each pending job at the mean CPU seconds
/// of finished jobs of its kind, unknown kinds at their source's seconds per unit of cost, all at the
/// pace this run has had.
final class ProgressEstimateTests: XCTestCase {
    let short = JobKind(method: "lw_oas", depth: 8, steps: 100)
    let long = JobKind(method: "e2e", depth: 8, steps: 1000)
    let unseen = JobKind(method: "prog_oas", depth: 8, steps: 100)

    /// An update of grid `grid` after a job of `kind` finished.
    func update(_ kind: JobKind?, cost: Double = 0, seconds: Double? = nil, ranHere: Bool = true, grid: Int = 1,
                finished: Int = 0, total: Int = 0, pending: [JobKind: WorkAmount] = [:], announced: WorkAmount = WorkAmount()) -> WorkUpdate {
        WorkUpdate(source: grid, unit: "jobs", finished: finished, total: total, pending: pending, announced: announced,
                   done: kind.map { WorkUpdate.Done(kind: $0, cost: cost, cpuSeconds: seconds, ranHere: ranHere) })
    }

    func testPendingJobsAreCostedByTheirOwnKindNotByTheMeanOfAllJobs() {
        var ledger = WorkLedger()
        // One short job took 4 s, one long job 100 s; left: three short and one long.
        ledger.record(update(short, cost: 1, seconds: 4, finished: 1, total: 6))
        ledger.record(update(long, cost: 10, seconds: 100, finished: 2, total: 6,
                             pending: [short: WorkAmount(jobs: 3, cost: 3), long: WorkAmount(jobs: 1, cost: 10)]))
        XCTAssertEqual(ledger.cpuSecondsLeft!, 3 * 4 + 1 * 100, accuracy: 1e-9)
        // The mean over all jobs would say 4 × 52 = 208 s; the kinds say 112 s.
        XCTAssertNotEqual(ledger.cpuSecondsLeft!, 4 * (4 + 100) / 2.0, accuracy: 1)
        // 104 CPU-s done in 52 s of wall time: two threads' worth, so 112 CPU-s take 56 s.
        XCTAssertEqual(ledger.secondsLeft(elapsed: 52)!, 56, accuracy: 1e-9)
        XCTAssertEqual(ledger.counts?.finished, 2)
        XCTAssertEqual(ledger.counts?.total, 6)
    }

    func testUnknownKindsAndAnnouncedWorkGoAtTheGridsSecondsPerCost() {
        var ledger = WorkLedger()
        ledger.record(update(short, cost: 1, seconds: 4))
        // 2 s per unit of cost measured (4 s for cost 1, then 36 s for cost 19 → 40 s / 20).
        ledger.record(update(long, cost: 19, seconds: 36, pending: [unseen: WorkAmount(jobs: 2, cost: 5)],
                             announced: WorkAmount(jobs: 3, cost: 7)))
        XCTAssertEqual(ledger.cpuSecondsLeft!, (5 + 7) * 2, accuracy: 1e-9)
    }

    func testKindsMeasuredInAnotherGridOfTheStageCountButCostRatesStayPerGrid() {
        var ledger = WorkLedger()
        ledger.record(update(short, cost: 1, seconds: 4, grid: 1))
        // Grid 2 (another unit of cost) has measured nothing: its `short` jobs go at grid 1's 4 s per job,
        // its unseen kind cannot be estimated yet.
        ledger.record(update(nil, grid: 2, pending: [short: WorkAmount(jobs: 2, cost: 50)]))
        XCTAssertEqual(ledger.cpuSecondsLeft!, 8, accuracy: 1e-9)
        ledger.record(update(nil, grid: 2, pending: [short: WorkAmount(jobs: 2, cost: 50), unseen: WorkAmount(jobs: 1, cost: 50)]))
        XCTAssertNil(ledger.cpuSecondsLeft)
        XCTAssertNil(ledger.secondsLeft(elapsed: 10))
    }

    func testCachedJobsTeachTheKindsButNotThePace() {
        var ledger = WorkLedger()
        // From the cache: the seconds its training took once, spent by another run.
        ledger.record(update(short, cost: 1, seconds: 4, ranHere: false, pending: [short: WorkAmount(jobs: 5, cost: 5)]))
        XCTAssertEqual(ledger.cpuSecondsLeft!, 20, accuracy: 1e-9)
        XCTAssertNil(ledger.secondsLeft(elapsed: 3), "no pace before a job of this run has finished")
        ledger.record(update(short, cost: 1, seconds: 6, ranHere: true, pending: [short: WorkAmount(jobs: 4, cost: 4)]))
        // Mean of the kind: 5 s; pace: 6 CPU-s in 12 s.
        XCTAssertEqual(ledger.secondsLeft(elapsed: 12)!, 4 * 5 * 2, accuracy: 1e-9)
    }

    func testNothingPendingMeansNoTimeLeftAndTheLineSaysNothingOfIt() {
        var ledger = WorkLedger()
        ledger.record(update(short, cost: 1, seconds: 4, finished: 1, total: 1))
        XCTAssertEqual(ledger.secondsLeft(elapsed: 4), 0)
        let line = StatusLine(id: "ex7", fraction: 0.92, message: "figures", ledger: ledger, elapsed: 30)
        XCTAssertNil(line.timeLeft)
        XCTAssertEqual(line.text(), "ex7   ██████████████░░  1/1 jobs · figures · 30 s elapsed")
    }

    func testStatusLineOfAJobStage() {
        var ledger = WorkLedger()
        ledger.record(update(short, cost: 1, seconds: 60, finished: 64, total: 192, pending: [short: WorkAmount(jobs: 128, cost: 128)]))
        // 60 CPU-s in 840 s would be a slow pace; say 64 jobs of 60 s ran here on two threads: 3840 CPU-s in 1920 s.
        var fast = WorkLedger()
        for k in 1...64 {
            fast.record(update(short, cost: 1, seconds: 60, finished: k, total: 192, pending: [short: WorkAmount(jobs: 192 - k, cost: Double(192 - k))]))
        }
        let line = StatusLine(id: "ex7", fraction: 64.0 / 192, message: "", ledger: fast, elapsed: 1920)
        // 128 jobs × 60 s / 2 threads = 3840 s = 1 h 04 min.
        XCTAssertEqual(line.text(), "ex7   █████░░░░░░░░░░░  64/192 jobs · 32 min elapsed · about 1 h 04 min left")
        XCTAssertEqual(line.text(percent: 30), "ex7   30 % · 64/192 jobs · 32 min elapsed · about 1 h 04 min left")
        XCTAssertEqual(StatusLine(id: "ex7", fraction: 0, message: "", ledger: WorkLedger(), elapsed: 5).timeLeft, nil)
        XCTAssertEqual(StatusLine(id: "ex1", fraction: 0.25, message: "training", ledger: WorkLedger(), elapsed: 600).timeLeft,
                       "about 30 min left", "a stage without jobs: elapsed · (1 − f) / f")
        XCTAssertEqual(StatusLine(id: "ex7", fraction: 0.1, message: "", ledger: ledger, elapsed: 10).timeLeft, "about 21 min left")
        XCTAssertEqual(StatusLine.duration(3 * 3600 + 5 * 60 + 10), "3 h 05 min")
    }

    /// A real grid's events carry what is still pending, by kind.
    func testAGridReportsItsPendingJobsByKind() throws {
        let events = EventLog()
        let grid = JobGrid(store: nil, shard: nil, budget: WorkerBudget(limit: 1), onJobFinished: { events.add($0) })
        grid.expect(jobs: 5, cost: 100)
        _ = try grid.run([SquareJob(x: 1), SquareJob(x: 2), SquareJob(x: 2)]) { $0.x * $0.x }
        let last = try XCTUnwrap(events.events.last)
        XCTAssertEqual(events.events.count, 2)
        XCTAssertTrue(last.pending.isEmpty, "both seen jobs finished")
        XCTAssertEqual(last.announced, WorkAmount(jobs: 3, cost: 97), "5 expected − 2 seen; cost 100 − (1 + 2)")
        let first = events.events[0]
        // The longest job runs first (x = 2, kind depth 2); x = 1 is then pending.
        XCTAssertEqual(first.kind, SquareJob(x: 2).kind)
        XCTAssertEqual(first.pending, [SquareJob(x: 1).kind: WorkAmount(jobs: 1, cost: 1)])
    }
}
