import XCTest
@testable import Report

/// End-to-end runs of demo stages in a temporary folder.
final class PipelineTests: XCTestCase {
    var root: URL!
    let log = RunLog()

    override func setUpWithError() throws { root = try makeTemporaryRoot() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func stages(samplesOfB: Int = 100, throwB: Bool = false) -> [any Stage] {
        [DemoStage(id: "a", seed: 1, log: log),
         DemoStage(id: "b", seed: 2, samples: samplesOfB, shouldThrow: throwB, failCheck: true, log: log),
         DemoStage(id: "c", seed: 3, log: log)]
    }

    func file(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func testFullRunWritesContractResultsPagesAndFigures() throws {
        let sink = LineSink()
        let document = try makeRunner(stages(), root: root, sink: sink).runReport(options: RunOptions(profile: .fast, jobs: 2))
        XCTAssertFalse(document.hasFailures)
        let json = try JSONSerialization.jsonObject(with: Data(try file("report/results.json").utf8)) as! [String: Any]
        XCTAssertEqual(json["profile"] as? String, "fast")
        XCTAssertNotNil(json["commit"] as? String)
        XCTAssertNotNil(ISO8601DateFormatter().date(from: json["generated"] as? String ?? ""))
        let stagesJSON = json["stages"] as! [String: [String: Any]]
        XCTAssertEqual(Set(stagesJSON.keys), ["a", "b", "c"])
        for (id, stage) in stagesJSON {
            XCTAssertEqual(stage["status"] as? String, "ok")
            XCTAssertNotNil(stage["seconds"] as? Double)
            XCTAssertEqual(stage["cached"] as? Bool, false)
            XCTAssertNil(stage["error"])
            let metrics = stage["metrics"] as! [String: Any]
            XCTAssertEqual(metrics["mean"] as? Double, 50)
            XCTAssertEqual(metrics["curve"] as? [Double], [1, 2, 3])
            let checks = stage["checks"] as! [[String: Any]]
            XCTAssertEqual(checks.count, 2)
            for key in ["id", "claim", "measured", "expected", "tolerance", "pass", "status", "kind"] { XCTAssertNotNil(checks[0][key], key) }
            XCTAssertEqual(checks[1]["status"] as? String, id != "b" ? "pass" : "fail")
            XCTAssertEqual(checks[1]["pass"] as? Bool, id != "b")
            XCTAssertEqual(stage["figures"] as? [String], ["figures/\(id)-plot.svg"])
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("figures/\(id)-plot.svg").path))
        }
        let html = try file("report/index.html"), markdown = try file("report/index.md")
        for id in ["a", "b", "c"] {
            XCTAssertTrue(html.contains("id=\"stage-\(id)\""))
            XCTAssertTrue(html.contains("<img src=\"../figures/\(id)-plot.svg\""))
            XCTAssertTrue(markdown.contains("## Demo stage \(id)"))
            XCTAssertTrue(markdown.contains("](../figures/\(id)-plot.svg)"))
        }
        XCTAssertTrue(html.contains("<h2>Summary</h2>"))
        // The demo's checks are not primary: shown and counted as diagnostics, not on the scoreboard.
        XCTAssertTrue(markdown.contains("Diagnostics (shown, not scored): 5 pass, 1 fail, 0 inconclusive"), "the summary counts pass, fail and inconclusive apart")
        XCTAssertTrue(html.contains("<msqrt><mn>2</mn></msqrt>"), "prose math becomes MathML")
        XCTAssertTrue(html.contains("<span class=\"kw\">let</span> mean"), "literate code is shown highlighted")
        XCTAssertTrue(markdown.contains("```swift\nlet mean = Double(config.samples) / 2\n```"))
        // The failed check is listed first in the summary.
        let summary = html.components(separatedBy: "<nav")[0]
        XCTAssertLessThan(summary.range(of: "b.strict")!.lowerBound, summary.range(of: "a.mean")!.lowerBound)
        XCTAssertTrue(sink.text.contains("[1/3]") && sink.text.contains("[3/3]"), sink.text)
    }

    func testCachingRerunsOnlyWhatChanged() throws {
        _ = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual([log.count("a"), log.count("b"), log.count("c")], [1, 1, 1])

        let second = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual([log.count("a"), log.count("b"), log.count("c")], [1, 1, 1], "unchanged: nothing reruns")
        XCTAssertTrue(second.results.allSatisfy(\.cached))

        let third = try makeRunner(stages(samplesOfB: 200), root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual([log.count("a"), log.count("b"), log.count("c")], [1, 2, 1], "only b's config changed")
        XCTAssertEqual(third.results.map(\.cached), [true, false, true])

        _ = try makeRunner(stages(samplesOfB: 200), root: root).runReport(options: RunOptions(profile: .paper))
        XCTAssertEqual([log.count("a"), log.count("b"), log.count("c")], [2, 3, 2], "another profile is another key")

        _ = try makeRunner(stages(samplesOfB: 200), root: root).runReport(options: RunOptions(profile: .paper, force: true))
        XCTAssertEqual([log.count("a"), log.count("b"), log.count("c")], [3, 4, 3], "--force reruns all")
    }

    func testThrowingStageIsIsolated() throws {
        let document = try makeRunner(stages(throwB: true), root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertTrue(document.hasFailures, "the CLI exits non-zero on this")
        let json = try JSONSerialization.jsonObject(with: Data(try file("report/results.json").utf8)) as! [String: Any]
        let stagesJSON = json["stages"] as! [String: [String: Any]]
        XCTAssertEqual(stagesJSON["b"]?["status"] as? String, "failed")
        XCTAssertEqual(stagesJSON["b"]?["error"] as? String, "demo failure in b")
        XCTAssertEqual(stagesJSON["a"]?["status"] as? String, "ok")
        XCTAssertEqual(stagesJSON["c"]?["status"] as? String, "ok")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("figures/b-plot.svg").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("figures/c-plot.svg").path))
        let html = try file("report/index.html")
        XCTAssertTrue(html.contains("Stage <a href=\"#stage-b\">b</a> failed:</b> demo failure in b"))
        // The failure was not cached: the next run retries b.
        _ = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual(log.count("b"), 2)
        XCTAssertEqual(log.count("a"), 1)
    }

    func testCorruptCacheEntryWarnsAndReruns() throws {
        _ = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast))
        let folder = root.appendingPathComponent(".couplinglab-cache/a")
        let key = try FileManager.default.contentsOfDirectory(atPath: folder.path).first!
        try Data("{ not json".utf8).write(to: folder.appendingPathComponent(key).appendingPathComponent("entry.json"))
        let sink = LineSink()
        _ = try makeRunner(stages(), root: root, sink: sink).runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual(log.count("a"), 2)
        XCTAssertEqual(log.count("c"), 1)
        XCTAssertTrue(sink.text.contains("warning: cache entry of a is damaged: entry.json: not a checksummed cache entry"), sink.text)
    }

    func testUnknownNamesAndUnwritableOutputAreClearErrors() throws {
        let runner = try makeRunner(stages(), root: root)
        XCTAssertThrowsError(try runner.runReport(options: RunOptions(only: ["zz"]))) { error in
            XCTAssertEqual(error as? ReportError, .unknownStage("zz", known: ["a", "b", "c"]))
        }
        XCTAssertThrowsError(try runner.regenerateFigure("nofig", profile: .fast)) { error in
            XCTAssertEqual(error as? ReportError, .unknownFigure("nofig", known: ["a-plot", "b-plot", "c-plot"]))
        }
        let blocker = root.appendingPathComponent("file")
        try Data().write(to: blocker)   // a file where the output folder should be
        XCTAssertThrowsError(try makeRunner(stages(), root: blocker).runReport(options: RunOptions())) { error in
            guard case .unwritableOutput? = error as? ReportError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("cannot write to output folder"))
        }
        XCTAssertThrowsError(try makeRunner([DemoStage(id: "a", seed: 1, log: log), DemoStage(id: "a", seed: 2, log: log)], root: root))
    }

    func testOnlyRunsSelectedAndKeepsFreshOthers() throws {
        _ = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast, only: ["a"]))
        XCTAssertEqual([log.count("a"), log.count("b"), log.count("c")], [1, 0, 0])
        let markdown = try file("report/index.md")
        XCTAssertTrue(markdown.contains("Not run (not selected, nothing cached): b, c."))
        _ = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast))
        let document = try makeRunner(stages(), root: root).runReport(options: RunOptions(profile: .fast, only: ["b"], force: true))
        XCTAssertEqual(document.results.map(\.id), ["a", "b", "c"], "fresh unselected stages stay in the report")
        XCTAssertEqual([log.count("a"), log.count("b"), log.count("c")], [1, 2, 1])
    }

    func testListAndFigureUseTheCache() throws {
        let runner = try makeRunner(stages(), root: root)
        XCTAssertEqual(runner.statuses(profile: .fast).map(\.fresh), [false, false, false])
        let result = try runner.regenerateFigure("c-plot", profile: .fast)
        XCTAssertEqual(result.figures, ["figures/c-plot.svg"])
        XCTAssertEqual(runner.statuses(profile: .fast).map(\.fresh), [false, false, true])
        try FileManager.default.removeItem(at: root.appendingPathComponent("figures/c-plot.svg"))
        let again = try runner.regenerateFigure("c-plot", profile: .fast)
        XCTAssertTrue(again.cached)
        XCTAssertEqual(log.count("c"), 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("figures/c-plot.svg").path))
    }

    func testMissingSourceFileGivesANoteNotAnError() throws {
        let document = try makeRunner([SourcelessStage()], root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertFalse(document.hasFailures)
        XCTAssertTrue(try file("report/index.html").contains("source file NoSource.swift not found at report time"))
    }
}

/// Editing the library code a stage declares reruns that stage, and only it.
final class SourceDependencyTests: XCTestCase {
    func testChangingADeclaredSourceFolderInvalidatesTheStage() throws {
        let root = try makeTemporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let library = root.appendingPathComponent("lib/Sources/Lib")
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        try Data("let x = 1".utf8).write(to: library.appendingPathComponent("X.swift"))
        let log = RunLog()
        let stages: [any Stage] = [DemoStage(id: "a", seed: 1, log: log, dependencies: [library.path]),
                                   DemoStage(id: "c", seed: 3, log: log)]
        _ = try makeRunner(stages, root: root).runReport(options: RunOptions(profile: .fast))
        _ = try makeRunner(stages, root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual([log.count("a"), log.count("c")], [1, 1])
        try Data("let x = 2".utf8).write(to: library.appendingPathComponent("X.swift"))
        _ = try makeRunner(stages, root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual([log.count("a"), log.count("c")], [2, 1])
    }
}

final class NameValidationTests: XCTestCase {
    func testIdsThatCannotBeFileNamesAreRejected() throws {
        let root = try makeTemporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertThrowsError(try makeRunner([DemoStage(id: "../x", seed: 1, log: RunLog())], root: root)) { error in
            XCTAssertEqual(error as? ReportError, .invalidName(what: "stage id", name: "../x"))
        }
        XCTAssertNoThrow(try makeRunner([DemoStage(id: "ex1.b_2-c", seed: 1, log: RunLog())], root: root))
    }

    func testLeftoversOfDeadRunsAreRemovedLiveOnesKept() throws {
        let root = try makeTemporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = OutputLayout(root: root)
        try layout.prepare()
        let manager = FileManager.default
        // A staging folder of a process that has exited (its pid is dead), one of this live process,
        // one without an owner file (as written before owners existed), and a figure temporary.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = layout.stagingDirectory.appendingPathComponent("ex1-DEAD")
        try manager.createDirectory(at: dead, withIntermediateDirectories: true)
        try Data("\(hostName()) \(finished.processIdentifier) 0\n".utf8).write(to: dead.appendingPathComponent(".owner"))
        let live = try layout.makeStagingFolder(for: "ex1")
        let ownerless = layout.stagingDirectory.appendingPathComponent("ex1-OLD")
        try manager.createDirectory(at: ownerless, withIntermediateDirectories: true)
        let temporary = layout.figuresDirectory.appendingPathComponent(".fig.png.tmp-X")
        let keep = layout.figuresDirectory.appendingPathComponent("fig.png")
        try Data().write(to: temporary)
        try Data().write(to: keep)

        XCTAssertEqual(layout.removeLeftovers(holdingExclusiveLock: false), [".couplinglab-cache/staging/ex1-DEAD"],
                       "without the exclusive lock only dead owners' folders go")
        XCTAssertTrue(manager.fileExists(atPath: ownerless.path) && manager.fileExists(atPath: temporary.path))
        XCTAssertEqual(layout.removeLeftovers(holdingExclusiveLock: true),
                       [".couplinglab-cache/staging/ex1-OLD", "figures/.fig.png.tmp-X"])
        XCTAssertTrue(manager.fileExists(atPath: live.path), "a live process's staging folder stays")
        XCTAssertTrue(manager.fileExists(atPath: keep.path))
    }
}
