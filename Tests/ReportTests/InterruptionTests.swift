import XCTest
@testable import Report

/// A run killed mid-way (SIGKILL, as hard as a crash) leaves the previous report, figures and
/// cache entries readable, and the next run succeeds. The run to kill is this test binary
/// re-launched on `testChildRun`, which stops at a named checkpoint (`FaultInjection`) until killed.
final class InterruptionTests: XCTestCase {
    static let childRootVariable = "COUPLINGLAB_REPORT_TEST_CHILD_ROOT"
    static let childStopVariable = "COUPLINGLAB_REPORT_TEST_CHILD_STOP"

    func stages(block: Bool, marker: URL? = nil) -> [any Stage] {
        [DemoStage(id: "a", seed: 1, log: RunLog()), SlowStage(block: block, marker: marker)]
    }

    func artifactStages(version: Int) -> [any Stage] {
        [DemoStage(id: "a", seed: 1, log: RunLog()), ArtifactStage(id: "x", version: version, log: RunLog())]
    }

    /// Runs in the child process only. Without a stop name: a report whose slow stage hangs until
    /// killed. With one: version 2 of the artifact stages, hanging at the first checkpoint whose
    /// name starts with the stop name.
    func testChildRun() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment[Self.childRootVariable] else {
            throw XCTSkip("helper for the kill tests")
        }
        let root = URL(fileURLWithPath: path)
        let marker = root.appendingPathComponent("marker")
        guard let stop = environment[Self.childStopVariable] else {
            _ = try makeRunner(stages(block: true, marker: marker), root: root).runReport(options: RunOptions(profile: .fast))
            return
        }
        FaultInjection.checkpoint = { name in
            guard name.hasPrefix(stop) else { return }
            try? Data(name.utf8).write(to: marker)
            Thread.sleep(forTimeInterval: 120)
        }
        _ = try makeRunner(artifactStages(version: 2), root: root).runReport(options: RunOptions(profile: .fast, jobs: 1))
    }

    /// Starts the child on `root`, waits until it reaches its stop, and kills it with SIGKILL.
    /// Returns the checkpoint it was killed at.
    func runChildAndKill(root: URL, stop: String?) throws -> String {
        #if os(Linux)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["ReportTests.InterruptionTests/testChildRun"]
        var environment = ProcessInfo.processInfo.environment.merging([Self.childRootVariable: root.path]) { $1 }
        environment[Self.childStopVariable] = stop
        child.environment = environment
        child.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        child.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try child.run()
        let marker = root.appendingPathComponent("marker")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker.path) && Date() < deadline && child.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.02)   // the marker's bytes are written before the child sleeps
        let reached = (try? String(contentsOf: marker, encoding: .utf8)) ?? ""
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        try? FileManager.default.removeItem(at: marker)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.path))
        return reached
        #else
        throw XCTSkip("re-launching the test binary is implemented for Linux's xctest runner only")
        #endif
    }

    func testKilledRunLeavesPreviousReportReadable() throws {
        let root = try makeTemporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try makeRunner(stages(block: false), root: root).runReport(options: RunOptions(profile: .fast))
        let files = ["report/index.html", "report/index.md", "report/results.json", "figures/slow-plot.svg", "figures/a-plot.svg"]
        let before = try files.map { try Data(contentsOf: root.appendingPathComponent($0)) }

        _ = try runChildAndKill(root: root, stop: nil)

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
    }

    /// Kills a version-2 run at six moments — in the stage between its two figure files, before
    /// the cache entry's rename, between publishing the PNG and the SVG, and before each report
    /// page's rename — on a root holding a complete version-1 report. Each time the report files
    /// are each the old or the new complete version, figures are whole, and the next run succeeds
    /// and leaves no staging folder or temporary behind.
    func testKillsAtEveryMomentLeaveOldOrNewCompleteFilesAndTheNextRunSucceeds() throws {
        let stops = ["stage:x", "rename:x/", "rename:figures/x-fig.svg",
                     "rename:report/index.md", "rename:report/index.html", "rename:report/results.json"]
        let oldPNG = ArtifactStage.png(version: 1), newPNG = ArtifactStage.png(version: 2)
        let oldSVG = Data(ArtifactStage.svg(version: 1).utf8), newSVG = Data(ArtifactStage.svg(version: 2).utf8)
        for stop in stops {
            let root = try makeTemporaryRoot()
            defer { try? FileManager.default.removeItem(at: root) }
            _ = try makeRunner(artifactStages(version: 1), root: root).runReport(options: RunOptions(profile: .fast))
            let file = { (path: String) in try Data(contentsOf: root.appendingPathComponent(path)) }
            let oldHTML = try file("report/index.html"), oldJSON = try file("report/results.json")

            let reached = try runChildAndKill(root: root, stop: stop)
            XCTAssertTrue(reached.hasPrefix(stop), "child reached \(stop) (got '\(reached)')")

            let html = try file("report/index.html"), json = try file("report/results.json")
            XCTAssertTrue(html == oldHTML || (String(decoding: html, as: UTF8.self).contains("Artifact version 2.")
                                              && String(decoding: html, as: UTF8.self).hasSuffix("</html>\n")),
                          "\(stop): index.html is the old or the new complete page")
            XCTAssertEqual(json, oldJSON, "\(stop): results.json is written last, so it is still the old one")
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: json))
            XCTAssertTrue([oldPNG, newPNG].contains(try file("figures/x-fig.png")), "\(stop): whole PNG")
            XCTAssertTrue([oldSVG, newSVG].contains(try file("figures/x-fig.svg")), "\(stop): whole SVG")

            let sink = LineSink()
            let document = try makeRunner(artifactStages(version: 2), root: root, sink: sink)
                .runReport(options: RunOptions(profile: .fast))
            XCTAssertFalse(document.hasFailures, "\(stop): \(sink.text)")
            XCTAssertFalse(sink.text.contains("warning"), "\(stop): \(sink.text)")
            XCTAssertEqual(try file("figures/x-fig.png"), newPNG)
            XCTAssertEqual(try file("figures/x-fig.svg"), newSVG)
            let results = try JSONSerialization.jsonObject(with: try file("report/results.json")) as? [String: Any]
            let stagesJSON = results?["stages"] as? [String: [String: Any]]
            XCTAssertEqual((stagesJSON?["x"]?["metrics"] as? [String: Any])?["version"] as? Double, 2)
            let staging = root.appendingPathComponent(".couplinglab-cache/staging").path
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: staging), [], "\(stop): staging cleaned")
            for folder in ["figures", "report", ".couplinglab-cache/x"] {
                let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
                XCTAssertFalse(names.contains { $0.contains(".tmp-") }, "\(stop): \(folder) has \(names)")
            }
        }
    }

    func testAtomicWriteReplacesWholeFileAndLeavesNoTemporaries() throws {
        let root = try makeTemporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("x.txt")
        try ReportFiles.write("old", to: target)
        try ReportFiles.write("new", to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["x.txt"])
        XCTAssertThrowsError(try ReportFiles.write("x", to: root.appendingPathComponent("missing/dir/x.txt")))
    }
}
