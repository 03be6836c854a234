import Foundation
import XCTest
@testable import Report

/// The report while a run goes on: after each finished stage a valid report of what has finished, with
/// placeholders and a reload tag; at the end the report a run without partial writes makes.
final class FillInReportTests: XCTestCase {
    var roots: [URL] = []

    override func tearDown() {
        for root in roots { try? FileManager.default.removeItem(at: root) }
        super.tearDown()
    }

    func root() throws -> URL {
        let url = try makeTemporaryRoot()
        roots.append(url)
        return url
    }

    func read(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func testWhileAStageRunsTheReportShowsWhatFinishedAndMarksTheRest() throws {
        let root = try root()
        let seen = Snapshot()
        let stages: [any Stage] = [DemoStage(id: "a", seed: 1, log: RunLog()), ObserverStage(root: root, seen: seen),
                                   DemoStage(id: "c", seed: 3, log: RunLog())]
        _ = try makeRunner(stages, root: root).runReport(options: RunOptions(profile: .fast, jobs: 1))

        let html = try XCTUnwrap(seen.files["report/index.html"]), markdown = try XCTUnwrap(seen.files["report/index.md"])
        XCTAssertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"30\">"), "an incomplete page reloads itself")
        XCTAssertTrue(html.contains("<img src=\"../figures/a-plot.svg\""), "the finished section is complete")
        XCTAssertNotNil(html.range(of: "id=\"stage-observer\">\n<h2>Observer stage<span class=\"badge running\">running</span></h2>\n"
                                       + "<p class=\"status\">Running since \\d\\d:\\d\\d.</p>", options: .regularExpression), html)
        XCTAssertTrue(html.contains("<span class=\"badge waiting\">not started</span></h2>\n<p class=\"status\">Not started yet.</p>"))
        XCTAssertTrue(markdown.contains("Still missing: `observer` (running); `c` (not started yet). The scoreboard and every count "
                                        + "below cover only the 1 finished stage."), markdown)
        XCTAssertTrue(markdown.contains("- [Demo stage c](#stage-c) — not started yet"))
        XCTAssertTrue(markdown.contains("1 of 1 stages ran successfully"), "counts cover only what has finished")
        let json = try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(seen.files["report/results.json"]).utf8)) as! [String: Any]
        XCTAssertEqual(Set((json["stages"] as! [String: Any]).keys), ["a"])
        let incomplete = try XCTUnwrap(json["incomplete"] as? [String: [String]])
        XCTAssertEqual(incomplete["running"], ["observer"])
        XCTAssertEqual(incomplete["not_started"], ["c"])

        let final = try read(root, "report/index.html"), finalJSON = try read(root, "report/results.json")
        XCTAssertFalse(final.contains("http-equiv"), "a complete page does not reload")
        XCTAssertFalse(final.contains("Running since") || final.contains("Not started yet") || final.contains("still going on"))
        XCTAssertFalse(finalJSON.contains("\"incomplete\""))
    }

    func testTheLastWriteIsTheReportOfARunWithoutPartialWrites() throws {
        let stages = { [DemoStage(id: "a", seed: 1, log: RunLog()), DemoStage(id: "b", seed: 2, failCheck: true, log: RunLog()),
                        DemoStage(id: "c", seed: 3, log: RunLog())] as [any Stage] }
        let filled = try root(), plain = try root()
        _ = try makeRunner(stages(), root: filled).runReport(options: RunOptions(profile: .fast, jobs: 2))
        _ = try makeRunner(stages(), root: plain).runReport(options: RunOptions(profile: .fast, jobs: 2, partialReports: false))
        for file in ["report/index.md", "report/index.html", "report/results.json"] {
            let a = Self.withoutTimings(try read(filled, file)), b = Self.withoutTimings(try read(plain, file))
            XCTAssertEqual(a, b, file)
            XCTAssertGreaterThan(a.count, 1000)
        }
    }

    /// The report with its timings (stage seconds, the time it was generated) blanked.
    static func withoutTimings(_ text: String) -> String {
        let patterns = ["\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "· \\d+\\.\\d\\d s", "\\| \\d+\\.\\d\\d \\|",
                        "<td class=\"num\">\\d+\\.\\d\\d</td>", "\"seconds\" : [0-9.e-]+"]
        return patterns.reduce(text) { $0.replacingOccurrences(of: $1, with: "⟨time⟩", options: .regularExpression) }
    }
}

/// The report files as a running stage found them.
final class Snapshot: @unchecked Sendable {
    private let lock = NSLock()
    private var taken: [String: String] = [:]
    var files: [String: String] { lock.lock(); defer { lock.unlock() }; return taken }
    func take(_ path: String, _ text: String?) { lock.lock(); taken[path] = text; lock.unlock() }
}

/// A stage that reads the report while it runs.
struct ObserverStage: Stage {
    struct Config: Codable, Sendable { var n = 1 }
    let id = "observer"
    let title = "Observer stage"
    let figureNames: [String] = []
    let seed: UInt64 = 2
    let sourceFile = #filePath
    let root: URL
    let seen: Snapshot

    func config(for profile: Profile) -> Config { Config() }

    /// Waits (up to 30 s) for the report that marks this stage running, then keeps what it read.
    func run(config: Config, context: StageContext) throws -> StageOutput {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let json = (try? String(contentsOf: root.appendingPathComponent("report/results.json"), encoding: .utf8)) ?? ""
            if json.range(of: "\"running\" : \\[\\s*\"observer\"", options: .regularExpression) != nil { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        for path in ["report/index.html", "report/index.md", "report/results.json"] {
            seen.take(path, try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
        }
        return StageOutput(metrics: ["n": 1], markdown: "Observed.")
    }
}
