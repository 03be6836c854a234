import XCTest
@testable import Report

/// `cache verify` and `cache prune` on demo stages.
final class CacheMaintenanceTests: XCTestCase {
    var root: URL!
    let log = RunLog()
    override func setUpWithError() throws { root = try makeTemporaryRoot() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func stages(version: Int = 1) -> [any Stage] {
        [ArtifactStage(id: "x", version: version, log: log), JobStage(log: log)]
    }

    func cachePath(_ path: String) -> URL { root.appendingPathComponent(".couplinglab-cache/" + path) }

    func testVerifyNamesEachDamagedFileAndCounts() throws {
        _ = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual(try makeRunner(stages(), root: root).verifyCache(),
                       CacheVerification(problems: [], entriesOK: 2, entriesDamaged: 0, jobsOK: 3, jobsDamaged: 0))
        let key = try FileManager.default.contentsOfDirectory(atPath: cachePath("x").path).first!
        try Data("short".utf8).write(to: cachePath("x/\(key)/x-fig.svg"))
        let verification = try makeRunner(stages(), root: root).verifyCache()
        XCTAssertEqual(verification.problems, ["x/\(key): x-fig.svg: has 5 bytes, entry.json records 85 (truncated or replaced)"])
        XCTAssertEqual(verification.summary, "cache verify: 1 stage entries ok, 1 damaged; 3 job files ok, 0 damaged")
    }

    func testPruneKeepsCurrentEntriesAndJobsAndRemovesTheRest() throws {
        _ = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast))
        let manager = FileManager.default
        // Debris: an entry of an old config, a stage that no longer exists, a damaged job, a stale
        // claim, a staging folder and a temporary of a killed run.
        try manager.createDirectory(at: cachePath("x/0ldkey"), withIntermediateDirectories: true)
        try manager.createDirectory(at: cachePath("gone/k"), withIntermediateDirectories: true)
        try Data("couplinglab-job v1 00 1\nx".utf8).write(to: cachePath("jobs/jobstage/bad.job"))
        try Data("\(hostName()) 999999999 0\n".utf8).write(to: cachePath("jobs/jobstage/old.claim"))
        try manager.createDirectory(at: cachePath("staging/x-KILLED"), withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("figures/.x-fig.png.tmp-1"))

        let pruning = try makeRunner(stages(), root: root).pruneCache()
        XCTAssertEqual(pruning.removed, [
            ".couplinglab-cache/staging/x-KILLED (leftover of an interrupted run)",
            "figures/.x-fig.png.tmp-1 (leftover of an interrupted run)",
            ".couplinglab-cache/gone (no stage has this id)",
            ".couplinglab-cache/x/0ldkey (no current config of x has this key)",
            ".couplinglab-cache/jobs/jobstage/bad.job (damaged: SHA-256 mismatch (damaged))",
            ".couplinglab-cache/jobs/jobstage/old.claim (stale claim)",
        ])
        XCTAssertEqual([pruning.entriesKept, pruning.jobsKept], [2, 3])
        let again = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertTrue(again.results.allSatisfy(\.cached), "nothing current was pruned")

        // A new config of x: its old entry is replaced on the next run; --unused-jobs keeps the jobs
        // the current jobstage entry used.
        _ = try makeRunner(stages(version: 2), root: root).runReport(options: RunOptions(profile: .fast))
        let keep = try makeRunner(stages(version: 2), root: root).pruneCache(unusedJobs: true)
        XCTAssertEqual(keep.removed, [])
        XCTAssertEqual([keep.entriesKept, keep.jobsKept], [2, 3])
        // Under another config (the fast one after a paper run), the fast entry is no longer
        // current for version 1: prune removes it.
        let stale = try makeRunner(stages(version: 1), root: root).pruneCache()
        XCTAssertEqual(stale.removed.count, 1)
        XCTAssertTrue(stale.removed[0].hasPrefix(".couplinglab-cache/x/"), "\(stale.removed)")
    }
}
