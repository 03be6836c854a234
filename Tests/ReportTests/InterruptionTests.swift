import XCTest
@testable import Report

/// A run killed mid-way (SIGKILL, as hard as a crash) leaves the previous report, figures and
/// cache entries readable. The run to kill is this test binary re-launched on `testChildRun`.
final class InterruptionTests: XCTestCase {
    static let childRootVariable = "COUPLINGLAB_REPORT_TEST_CHILD_ROOT"

    func stages(block: Bool, marker: URL? = nil) -> [any Stage] {
        [DemoStage(id: "a", seed: 1, log: RunLog()), SlowStage(block: block, marker: marker)]
    }

    /// Runs in the child process only: a report run whose slow stage hangs until killed.
    func testChildRun() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.childRootVariable] else {
            throw XCTSkip("helper for testKilledRunLeavesPreviousReportReadable")
        }
        let root = URL(fileURLWithPath: path)
        _ = try makeRunner(stages(block: true, marker: root.appendingPathComponent("marker")), root: root)
            .runReport(options: RunOptions(profile: .fast))
    }

    func testKilledRunLeavesPreviousReportReadable() throws {
        #if os(Linux)
        let root = try makeTemporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try makeRunner(stages(block: false), root: root).runReport(options: RunOptions(profile: .fast))
        let files = ["report/index.html", "report/index.md", "report/results.json", "figures/slow-plot.svg", "figures/a-plot.svg"]
        let before = try files.map { try Data(contentsOf: root.appendingPathComponent($0)) }

        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["ReportTests.InterruptionTests/testChildRun"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childRootVariable: root.path]) { $1 }
        child.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        child.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try child.run()
        let marker = root.appendingPathComponent("marker")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker.path) && Date() < deadline && child.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker.path), "child reached the hanging stage")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()

        let after = try files.map { try Data(contentsOf: root.appendingPathComponent($0)) }
        XCTAssertEqual(after, before, "report and figures are exactly the previous ones")
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: after[2]))
        let figureNames = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("figures").path)
        XCTAssertEqual(Set(figureNames), ["slow-plot.svg", "a-plot.svg"], "no temporary or partial files published")
        // The previous cache entries still serve a run with the old config.
        let log = RunLog()
        let rerun = try makeRunner([DemoStage(id: "a", seed: 1, log: log), SlowStage(block: false)], root: root)
            .runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual(rerun.results.map(\.cached), [true, true])
        XCTAssertEqual(log.count("a"), 0)
        #else
        throw XCTSkip("re-launching the test binary is implemented for Linux's xctest runner only")
        #endif
    }

    func testAtomicWriteReplacesWholeFileAndLeavesNoTemporaries() throws {
        let root = try makeTemporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("x.txt")
        try AtomicFile.write("old", to: target)
        try AtomicFile.write("new", to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["x.txt"])
        XCTAssertThrowsError(try AtomicFile.write("x", to: root.appendingPathComponent("missing/dir/x.txt")))
    }
}
