import XCTest
@testable import Report

/// A run killed mid-way (SIGKILL, as hard as a crash) leaves a valid report — the previous one, or one
/// of what the run had finished — and whole figures and cache entries, and the next run succeeds. The
/// run to kill is this test binary re-launched on `testChildRun`, which stops at a named checkpoint
/// (`FaultInjection`) until killed.
final class InterruptionTests: XCTestCase {
    static let childRootVariable = "COUPLINGLAB_REPORT_TEST_CHILD_ROOT"
    static let childStopVariable = "COUPLINGLAB_REPORT_TEST_CHILD_STOP"
    /// A stop name ending in this runs the child without partial reports: its report writes are the final one.
    static let finalWriteOnly = "|final"

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
        guard let given = environment[Self.childStopVariable] else {
            _ = try makeRunner(stages(block: true, marker: marker), root: root).runReport(options: RunOptions(profile: .fast))
            return
        }
        let stop = given.hasSuffix(Self.finalWriteOnly) ? String(given.dropLast(Self.finalWriteOnly.count)) : given
        FaultInjection.checkpoint = { name in
            // A partial write is asked for when the first stage starts; x waits a moment so that it comes
            // before x finishes (after which the final write makes it pointless, and it is skipped).
            if name.hasPrefix("stage:") && !name.hasPrefix(stop) { Thread.sleep(forTimeInterval: 0.5) }
            guard name.hasPrefix(stop) else { return }
            try? Data(name.utf8).write(to: marker)
            Thread.sleep(forTimeInterval: 120)
        }
        _ = try makeRunner(artifactStages(version: 2), root: root)
            .runReport(options: RunOptions(profile: .fast, jobs: 1, partialReports: !given.hasSuffix(Self.finalWriteOnly)))
    }

    /// Starts the child on `root`, waits until it reaches its stop (and then until `ready`, if given),
    /// and kills it with SIGKILL. Returns the checkpoint it was killed at.
    func runChildAndKill(root: URL, stop: String?, ready: (() -> Bool)? = nil) throws -> String {
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
        while let ready, !ready() && Date() < deadline && child.isRunning { Thread.sleep(forTimeInterval: 0.02) }
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

    /// Killed while its second stage hangs: the report is the partial one of the run (the first stage
    /// finished, the second running), every page whole, and the figures are the previous ones.
    func testKilledRunLeavesAValidReportOfWhatFinished() throws {
        let root = try makeTemporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try makeRunner(stages(block: false), root: root).runReport(options: RunOptions(profile: .fast))
        let figures = ["figures/slow-plot.svg", "figures/a-plot.svg"]
        let before = try figures.map { try Data(contentsOf: root.appendingPathComponent($0)) }

        // Killed once the partial report shows "a" finished and "slow" running: with two stages at a time
        // both start together, and "slow" may be listed as running while "a" still is too.
        _ = try runChildAndKill(root: root, stop: nil) {
            guard let data = try? Data(contentsOf: root.appendingPathComponent("report/results.json")),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
            let finished = (json["stages"] as? [String: Any]).map { Set($0.keys) } ?? []
            return finished == ["a"] && (json["incomplete"] as? [String: [String]])?["running"] == ["slow"]
        }

        XCTAssertEqual(try figures.map { try Data(contentsOf: root.appendingPathComponent($0)) }, before, "figures are the previous ones")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("report/results.json"))) as! [String: Any]
        XCTAssertEqual(Set((json["stages"] as! [String: Any]).keys), ["a"], "what had finished")
        XCTAssertEqual((json["incomplete"] as? [String: [String]])?["running"], ["slow"])
        let html = try String(contentsOf: root.appendingPathComponent("report/index.html"), encoding: .utf8)
        XCTAssertTrue(html.hasSuffix("</html>\n") && html.contains("id=\"stage-slow\"") && html.contains("Running since"))
        let figureNames = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("figures").path)
        XCTAssertEqual(Set(figureNames), ["slow-plot.svg", "a-plot.svg"], "no temporary or partial files published")
        // The previous cache entries still serve a run with the old config.
        let log = RunLog()
        let rerun = try makeRunner([DemoStage(id: "a", seed: 1, log: log), SlowStage(block: false)], root: root)
            .runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual(rerun.results.map(\.cached), [true, true])
        XCTAssertEqual(log.count("a"), 0)
    }

    /// Kills a version-2 run at nine moments — in the stage between its two figure files, before the
    /// cache entry's rename, between publishing the PNG and the SVG, and before each report page's rename
    /// in a partial write and in the final one — on a root holding a complete version-1 report. Each time
    /// every report file is whole: the old report, a partial one of this run, or the new one, and
    /// index.md is at least as new as index.html, which is at least as new as results.json (written
    /// last). Figures are whole, and the next run succeeds and leaves no staging folder or temporary.
    func testKillsAtEveryMomentLeaveOldOrNewCompleteFilesAndTheNextRunSucceeds() throws {
        let final = Self.finalWriteOnly
        let stops: [(String, expected: [Int]?)] = [
            ("stage:x", nil), ("rename:x/", nil), ("rename:figures/x-fig.svg", nil),
            ("rename:report/index.md", [0, 0, 0]), ("rename:report/index.html", [1, 0, 0]), ("rename:report/results.json", [1, 1, 0]),
            ("rename:report/index.md" + final, [0, 0, 0]), ("rename:report/index.html" + final, [2, 0, 0]),
            ("rename:report/results.json" + final, [2, 2, 0]),
        ]
        let oldPNG = ArtifactStage.png(version: 1), newPNG = ArtifactStage.png(version: 2)
        let oldSVG = Data(ArtifactStage.svg(version: 1).utf8), newSVG = Data(ArtifactStage.svg(version: 2).utf8)
        let pages = ["report/index.md", "report/index.html", "report/results.json"]
        for (stop, expected) in stops {
            let root = try makeTemporaryRoot()
            defer { try? FileManager.default.removeItem(at: root) }
            _ = try makeRunner(artifactStages(version: 1), root: root).runReport(options: RunOptions(profile: .fast))
            let file = { (path: String) in try Data(contentsOf: root.appendingPathComponent(path)) }
            let old = try pages.map(file)

            let reached = try runChildAndKill(root: root, stop: stop)
            XCTAssertTrue(reached.hasPrefix(stop.replacingOccurrences(of: final, with: "")), "child reached \(stop) (got '\(reached)')")

            let generations = try zip(pages, old).map { try Self.generation(of: file($0.0), old: $0.1, page: $0.0) }
            XCTAssertFalse(generations.contains(nil), "\(stop): every page is whole and recognised: \(generations)")
            let g = generations.map { $0 ?? -1 }
            XCTAssertTrue(g[0] >= g[1] && g[1] >= g[2], "\(stop): index.md, then index.html, then results.json: \(g)")
            if let expected { XCTAssertEqual(g, expected, stop) }
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: file("report/results.json")))
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

    /// 0: the previous report's page; 1: a whole page of a partial report of this run; 2: a whole page of
    /// the new complete report; nil: anything else (a torn or unexpected file).
    static func generation(of data: Data, old: Data, page: String) -> Int? {
        if data == old { return 0 }
        let text = String(decoding: data, as: UTF8.self)
        switch page {
        case "report/results.json":
            guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                  let stages = json["stages"] as? [String: [String: Any]] else { return nil }
            if json["incomplete"] != nil { return stages["x"] == nil ? 1 : nil }
            return (stages["x"]?["metrics"] as? [String: Any])?["version"] as? Double == 2 ? 2 : nil
        case "report/index.html":
            guard text.hasSuffix("</html>\n") else { return nil }
            return text.contains("http-equiv=\"refresh\"") ? 1 : text.contains("Artifact version 2.") ? 2 : nil
        default:
            guard text.contains("## Provenance") else { return nil }
            return text.contains("The run is still going on") ? 1 : text.contains("Artifact version 2.") ? 2 : nil
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
