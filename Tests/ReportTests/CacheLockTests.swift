import XCTest
@testable import Report

/// Who waits for whom on `.couplinglab-cache/lock`: a report waits for any other run; shards
/// and `cache verify` run beside each other. (flock locks belong to an open file, so a second
/// `CacheLock` in this process conflicts with the first just as another process's would.)
final class CacheLockTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws { root = try makeTemporaryRoot() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// Starts `body` on a thread; returns a semaphore signalled when it returns.
    func background(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread { body(); done.signal() }.start()
        return done
    }

    func waitUntil(_ condition: () -> Bool, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        return condition()
    }

    func testSecondReportWaitsForTheLockAndSaysSo() throws {
        let layout = OutputLayout(root: root)
        let held = try CacheLock.acquire(.exclusive, layout: layout, waiting: { _ in XCTFail("nobody holds it") })
        let sink = LineSink()
        let runner = try makeRunner([DemoStage(id: "a", seed: 1, log: RunLog())], root: root, sink: sink)
        let done = background { _ = try? runner.runReport(options: RunOptions(profile: .fast)) }
        XCTAssertTrue(waitUntil { sink.text.contains("waiting: another couplinglab process is using") }, sink.text)
        XCTAssertTrue(sink.text.contains(layout.cacheDirectory.path + "/lock"), sink.text)
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertFalse(sink.text.contains("[1/1]"), "no stage runs while the other run holds the lock")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("report/index.html").path))
        held.release()
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("report/index.html").path))
    }

    func testShardsRunBesideEachOtherButNotBesideAReport() throws {
        let layout = OutputLayout(root: root)
        let log = RunLog()
        let otherShard = try CacheLock.acquire(.shared, layout: layout, waiting: { _ in XCTFail("free") })
        let sink = LineSink()
        let runner = try makeRunner([JobStage(log: log)], root: root, sink: sink)
        let failed = try runner.runShard(options: RunOptions(profile: .fast, shard: Shard(index: 1, count: 1)))
        XCTAssertEqual(failed, [])
        XCTAssertFalse(sink.text.contains("waiting"), "a shard does not wait for another shard: \(sink.text)")
        XCTAssertEqual(log.count("job"), 3)
        XCTAssertTrue(try runner.verifyCache().isClean, "verify runs beside shards")

        let reportSink = LineSink()
        let report = try makeRunner([JobStage(log: log)], root: root, sink: reportSink)
        let done = background { _ = try? report.runReport(options: RunOptions(profile: .fast)) }
        XCTAssertTrue(waitUntil { reportSink.text.contains("waiting:") }, "a report waits for running shards")
        otherShard.release()
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(log.count("job"), 3, "the report assembles the shards' jobs")

        let exclusive = try CacheLock.acquire(.exclusive, layout: layout, waiting: { _ in XCTFail("free") })
        let shardSink = LineSink()
        let shardRunner = try makeRunner([JobStage(log: log)], root: root, sink: shardSink)
        let shardDone = background {
            _ = try? shardRunner.runShard(options: RunOptions(profile: .fast, shard: Shard(index: 1, count: 2)))
        }
        XCTAssertTrue(waitUntil { shardSink.text.contains("waiting:") }, "a shard waits for a running report")
        exclusive.release()
        XCTAssertEqual(shardDone.wait(timeout: .now() + 30), .success)
    }
}
