import Foundation
import XCTest
@testable import Report

/// Stage parameters set for one run: each declared type and range, each kind of error, and the values'
/// way into the config, the cache key, results.json and the provenance table.
final class ParameterTests: XCTestCase {
    var root: URL!
    let work = WorkLog()
    var stages: [any Stage] { [ParameterStage(work: work), DemoStage(id: "a", seed: 1, log: RunLog())] }
    let validKeys = "valid keys: param.jobs (an integer in 1…10), param.sizes (a list of 1–3 distinct integers in 1…100), "
        + "param.shapes (a list of 1–2 distinct names from circle|square|star)"

    override func setUpWithError() throws { root = try makeTemporaryRoot() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func set(_ stage: String, _ key: String, _ text: String) throws -> ParameterOverrides {
        var overrides = ParameterOverrides()
        try overrides.set(stage: stage, key: key, text: text, in: stages)
        return overrides
    }

    func error(_ stage: String, _ key: String, _ text: String) -> ParameterError? {
        do { _ = try set(stage, key, text); return nil } catch { return error as? ParameterError }
    }

    func testEachTypeReadsItsValues() throws {
        XCTAssertEqual(try set("param", "jobs", "10")["param"], ["jobs": .integer(10)])
        XCTAssertEqual(try set("param", "sizes", "100, 1")["param"], ["sizes": .integers([100, 1])])
        XCTAssertEqual(try set("param", "shapes", "star,circle")["param"], ["shapes": .choices(["star", "circle"])])
        let config = try ParameterStage(work: work).config(for: .fast, parameters: ["shapes": .choices(["star", "circle"]), "jobs": .integer(7)])
        XCTAssertEqual(config.shapes, [.star, .circle])
        XCTAssertEqual(config.jobs, 7)
        XCTAssertEqual(config.sizes, [1, 2], "a field not set keeps the profile's value")
    }

    func testEveryErrorIsOneLineThatListsTheValidKeys() {
        let cases: [(String, String, String, ParameterError)] = [
            ("nope", "jobs", "1", .unknownStage("nope", valid: ParameterOverrides.validKeys(stages))),
            ("a", "jobs", "1", .unknownStage("a", valid: ParameterOverrides.validKeys(stages))),
            ("param", "nonsense", "1", .unknownKey(stage: "param", key: "nonsense", valid: ParameterOverrides.validKeys([stages[0]]))),
        ]
        for (stage, key, text, expected) in cases { XCTAssertEqual(error(stage, key, text), expected, "\(stage).\(key)") }
        let wrongType = ["jobs": "three", "sizes": "1,two"]
        for (key, text) in wrongType {
            guard case .wrongType(let name, let value, _, _)? = error("param", key, text) else { return XCTFail("\(key)=\(text) is the wrong type") }
            XCTAssertEqual(name, "param.\(key)"); XCTAssertEqual(value, text)
        }
        let outOfRange = [("jobs", "0"), ("jobs", "11"), ("sizes", "1,1"), ("sizes", "1,2,3,4"), ("sizes", "101"), ("shapes", "hexagon"),
                          ("shapes", "star,star"), ("shapes", "circle,square,star")]
        for (key, text) in outOfRange {
            guard case .outOfRange? = error("param", key, text) else { return XCTFail("\(key)=\(text) is out of range") }
        }
        var twice = ParameterOverrides()
        XCTAssertNoThrow(try twice.set(stage: "param", key: "jobs", text: "2", in: stages))
        XCTAssertThrowsError(try twice.set(stage: "param", key: "jobs", text: "3", in: stages)) {
            XCTAssertEqual($0 as? ParameterError, .repeated(name: "param.jobs", valid: ParameterOverrides.validKeys([stages[0]])))
        }
        for text in ["three", "0"] {
            let message = error("param", "jobs", text)!.description
            XCTAssertFalse(message.contains("\n"), message)
            XCTAssertTrue(message.hasSuffix(validKeys), message)
        }
        XCTAssertEqual(error("param", "jobs", "11")!.description, "--set param.jobs=11: out of range, param.jobs takes an integer in 1…10; " + validKeys)
    }

    func testValuesChangeTheCacheKeyReachResultsJSONAndProvenanceAndJobsComeFromTheCache() throws {
        let runner = try makeRunner(stages, root: root)
        _ = try runner.runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual(work.ranJobs, [1: 1, 2: 1, 3: 1])
        XCTAssertNil(try stageJSON("param")["parameters"], "no parameters key without --set")

        let four = RunOptions(profile: .fast, parameters: try set("param", "jobs", "4"))
        let first = try runner.runReport(options: four)
        XCTAssertEqual(first.results.first { $0.id == "param" }?.cached, false, "another config, another key")
        XCTAssertEqual(work.ranJobs, [1: 1, 2: 1, 3: 1, 4: 1], "only the new job trains; the others come from the job cache")
        let parameters = try XCTUnwrap(try stageJSON("param")["parameters"] as? [String: Any])
        XCTAssertEqual(parameters.count, 1)
        XCTAssertEqual(parameters["jobs"] as? Int, 4)
        XCTAssertEqual((try stageJSON("param")["metrics"] as? [String: Any])?["sum"] as? Double, 30)
        let markdown = try String(contentsOf: root.appendingPathComponent("report/index.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("| parameters set on the command line (--set) | param.jobs = 4 |"), markdown)
        XCTAssertTrue(markdown.contains("Parameters set on the command line (`--set`): `jobs` = 4."))
        XCTAssertTrue(markdown.contains("| `jobs` | 4 |"), "the configuration table shows the value used")

        let again = try runner.runReport(options: four)
        XCTAssertEqual(again.results.first { $0.id == "param" }?.cached, true, "the same values: the same key")
        XCTAssertEqual(work.ranJobs, [1: 1, 2: 1, 3: 1, 4: 1])
    }

    func testTheRunnerRejectsValuesItsStagesDoNotDeclareBeforeWritingAnything() throws {
        var other = ParameterOverrides()
        try other.set(stage: "param", key: "jobs", text: "2", in: stages)
        let runner = try makeRunner([DemoStage(id: "a", seed: 1, log: RunLog())], root: root)
        XCTAssertThrowsError(try runner.runReport(options: RunOptions(profile: .fast, parameters: other))) {
            XCTAssertEqual($0 as? ParameterError, .unknownStage("param", valid: []))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), [], "nothing written")
    }

    func stageJSON(_ id: String) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("report/results.json"))) as! [String: Any]
        return (json["stages"] as! [String: Any])[id] as! [String: Any]
    }
}
