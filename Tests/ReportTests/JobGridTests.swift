import Foundation
import XCTest
@testable import Report

/// The job grid: typed keys, the job cache, shards, claims and the report of finished jobs.
final class JobGridTests: XCTestCase {
    let budget = WorkerBudget(limit: 2)

    func grid(_ store: JobStore?, shard: Shard? = nil, events: EventLog? = nil) -> JobGrid {
        JobGrid(store: store, shard: shard, budget: budget, onJobFinished: { events?.add($0) })
    }

    func run(_ grid: JobGrid, _ xs: [Int], scope: JobScope = .all, log: WorkLog) throws -> JobResults<SquareJob> {
        try grid.run(xs.map { SquareJob(x: $0) }, scope: scope) { job in
            log.ran(job.x)
            return job.x * job.x
        }
    }

    func cleanUp(_ store: JobStore) { addTeardownBlock { try? FileManager.default.removeItem(at: store.directory) } }

    func testJobsAreTheirOwnKeysRunOnceAndReturnedByJob() throws {
        let log = WorkLog()
        let results = try run(grid(nil), [3, 1, 3, 2], log: log)
        XCTAssertEqual(log.ranJobs, [1: 1, 2: 1, 3: 1], "a duplicate job runs once")
        XCTAssertEqual(results[SquareJob(x: 3)], 9)
        XCTAssertEqual(try results.output(of: SquareJob(x: 2)), 4)
        XCTAssertEqual(results.count, 3)
        XCTAssertThrowsError(try results.output(of: SquareJob(x: 7))) { XCTAssertEqual($0 as? JobGridError, .missing(job: "square 7")) }
    }

    func testASecondGridOnTheSameCacheRunsNothingAndReportsCachedJobsWithTheirCPUSeconds() throws {
        let store = makeStore("cache"); cleanUp(store)
        let firstEvents = EventLog(), secondEvents = EventLog(), log = WorkLog()
        _ = try run(grid(store, events: firstEvents), [1, 2, 3], log: log)
        XCTAssertEqual(firstEvents.events.map(\.source), [.trained, .trained, .trained])
        let again = WorkLog()
        let results = try run(grid(store, events: secondEvents), [1, 2, 3], log: again)
        XCTAssertTrue(again.ranJobs.isEmpty)
        XCTAssertEqual((1...3).map { results[SquareJob(x: $0)] }, [1, 4, 9])
        XCTAssertEqual(secondEvents.events.map(\.source), [.cache, .cache, .cache])
        let seconds = { (log: EventLog) in Dictionary(uniqueKeysWithValues: log.events.map { ($0.label, $0.cpuSeconds!) }) }
        XCTAssertEqual(seconds(secondEvents), seconds(firstEvents), "the CPU seconds of the run that made each result")
        XCTAssertEqual(results.cpuSeconds(of: SquareJob(x: 2)), seconds(firstEvents)["square 2"])
    }

    func testAGridRemembersItsEarlierRunsWithoutRunningOrCountingThemAgain() throws {
        let events = EventLog(), log = WorkLog()
        let g = grid(nil, events: events)
        _ = try run(g, [1, 2], log: log)
        let later = try run(g, [2, 3], log: log)
        XCTAssertEqual(log.ranJobs, [1: 1, 2: 1, 3: 1])
        XCTAssertEqual(later[SquareJob(x: 2)], 4)
        XCTAssertEqual(events.events.count, 3)
        XCTAssertEqual(g.counts.trained, 3)
    }

    func testEventsCountTowardsATotalThatIncludesExpectedJobs() throws {
        let events = EventLog(), log = WorkLog()
        let g = grid(nil, events: events)
        g.expect(jobs: 5, cost: 15)   // jobs 1…3 now, 4 and 5 later
        _ = try run(g, [1, 2, 3], log: log)
        XCTAssertEqual(events.events.map(\.total), [5, 5, 5])
        XCTAssertEqual(events.events.map(\.finished), [1, 2, 3])
        XCTAssertEqual(events.events.last!.fraction, 6.0 / 15.0, accuracy: 1e-12)
        _ = try run(g, [4, 5], log: log)
        XCTAssertEqual(events.events.map(\.total), [5, 5, 5, 5, 5])
        XCTAssertEqual(events.events.last!.fraction, 1, accuracy: 1e-12)
        XCTAssertEqual(Set(events.events.map(\.kind)), Set((1...5).map { SquareJob(x: $0).kind }))
        _ = try run(g, [6], log: log)
        XCTAssertEqual(events.events.last!.total, 6, "more jobs than expected raise the total")
        XCTAssertTrue(events.events.allSatisfy { $0.source == .trained && ($0.cpuSeconds ?? -1) >= 0 })
    }

    /// Jobs finish on several threads at once; a receiver that takes a while with each event (as the
    /// status line and the job report may) still gets them in the order of their counts.
    func testEventsArriveInTheOrderTheyWereCountedWhateverTheThreads() throws {
        let events = EventLog()
        let g = JobGrid(store: nil, shard: nil, budget: WorkerBudget(limit: 4), onJobFinished: { event in
            // Uneven receivers make a late-counted event overtake an earlier one unless delivery is ordered.
            if event.finished % 3 == 1 { Thread.sleep(forTimeInterval: 0.002) }
            events.add(event)
        })
        _ = try g.run((1...60).map { SquareJob(x: $0) }) { job in job.x * job.x }
        XCTAssertEqual(events.events.map(\.finished), Array(1...60))
    }

    func testShardsSplitTheJobsAndAMissingJobEndsTheShardRun() throws {
        let store = makeStore("shards"); cleanUp(store)
        let xs = Array(1...12)
        var ran: [Set<Int>] = []
        for k in 1...2 {
            let log = WorkLog()
            let results = try run(grid(store, shard: Shard(index: k, count: 2)), xs, scope: .thisShard, log: log)
            ran.append(Set(log.ranJobs.keys))
            XCTAssertEqual(Set(log.ranJobs.keys), Set(xs.filter { store.keyIsOwned($0, by: Shard(index: k, count: 2)) }))
            if let other = xs.first(where: { !ran[k - 1].contains($0) && results[SquareJob(x: $0)] == nil }) {
                XCTAssertThrowsError(try results.output(of: SquareJob(x: other))) { XCTAssertTrue($0 is ShardRunComplete) }
            }
        }
        XCTAssertTrue(ran[0].isDisjoint(with: ran[1]))
        XCTAssertEqual(ran[0].union(ran[1]), Set(xs))
        XCTAssertFalse(ran[0].isEmpty || ran[1].isEmpty, "the split is real")
        let assembly = WorkLog()
        _ = try run(grid(store), xs, log: assembly)
        XCTAssertTrue(assembly.ranJobs.isEmpty, "every job came from the shards")
    }

    func testAShardAskedForEveryJobRunsTheOnesNobodyClaimed() throws {
        let store = makeStore("all"); cleanUp(store)
        let log = WorkLog()
        let results = try run(grid(store, shard: Shard(index: 1, count: 2)), Array(1...8), scope: .all, log: log)
        XCTAssertEqual(results.count, 8)
        XCTAssertEqual(log.ranJobs.count, 8)
    }

    /// A job claimed by another live process is not run here: the grid waits (without its permit) until
    /// that process stores the result, and reports it as from another process.
    func testAJobClaimedByAnotherLiveProcessIsWaitedFor() throws {
        let store = makeStore("claimed"); cleanUp(store)
        let key = try store.key(for: SquareJob(x: 2))
        try FileManager.default.createDirectory(at: store.directory, withIntermediateDirectories: true)
        try "\(hostName()) 1 \(Int(Date().timeIntervalSince1970))\n".write(to: store.claimFile(key), atomically: true, encoding: .utf8)
        XCTAssertTrue(store.isClaimedByOther(key), "pid 1 is alive")
        let events = EventLog(), log = WorkLog()
        let g = grid(store, events: events)
        g.pollInterval = 0.05
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            try? store.store(JobRecord(output: 40, cpuSeconds: 1.5), key: key)
            try? FileManager.default.removeItem(at: store.claimFile(key))
        }
        let results = try run(g, [1, 2, 3], log: log)
        XCTAssertEqual(log.ranJobs, [1: 1, 3: 1])
        XCTAssertEqual(results[SquareJob(x: 2)], 40, "the other process's result")
        let event = try XCTUnwrap(events.events.first { $0.label == "square 2" })
        XCTAssertEqual(event.source, .otherProcess)
        XCTAssertEqual(event.cpuSeconds, 1.5)
    }

    func testTheClaimOfADeadProcessIsTakenOver() throws {
        let store = makeStore("dead"); cleanUp(store)
        let key = try store.key(for: SquareJob(x: 5))
        try FileManager.default.createDirectory(at: store.directory, withIntermediateDirectories: true)
        try "\(hostName()) \(Int32.max - 7) 0\n".write(to: store.claimFile(key), atomically: true, encoding: .utf8)
        let log = WorkLog()
        let results = try run(grid(store), [5], log: log)
        XCTAssertEqual(results[SquareJob(x: 5)], 25)
        XCTAssertEqual(log.ranJobs, [5: 1])
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.claimFile(key).path), "stored, and the claim released")
    }

    func testAFailingJobReleasesItsClaimAndTheErrorReachesTheCaller() throws {
        let store = makeStore("fail"); cleanUp(store)
        struct Boom: Error {}
        XCTAssertThrowsError(try grid(store).run([SquareJob(x: 1)]) { _ -> Int in throw Boom() }) { XCTAssertTrue($0 is Boom) }
        let key = try store.key(for: SquareJob(x: 1))
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.claimFile(key).path))
    }
}

extension JobStore {
    /// Whether `shard` owns the square job of `x` in this store.
    func keyIsOwned(_ x: Int, by shard: Shard) -> Bool { shard.owns(key: try! key(for: SquareJob(x: x))) }
}
