import Foundation
import XCTest

/// `couplinglab report --set STAGE.KEY=VALUE`: a run with changed parameters, and every kind of bad
/// `--set` ending with status 2 and one line before anything is written. Also what a log sees of the
/// progress (the binary's stdout is a pipe here, not a terminal).
final class SetCommandTests: XCTestCase {
    func testExample7WithOneSeedRunsAndRecordsItsParameterWithPlainProgressLines() throws {
        let out = try scratchFolder(self)
        let r = try CLIProcess.run(["report", "--only", "ex7", "--set", "ex7.seeds=1", "--profile", "fast", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report/results.json"))) as! [String: Any]
        let ex7 = (json["stages"] as! [String: Any])["ex7"] as! [String: Any]
        XCTAssertEqual((ex7["parameters"] as? [String: Any])?["seeds"] as? Int, 1)
        XCTAssertFalse(r.stdout.contains("\u{1B}") || r.stdout.contains("\r"), "no escape code or carriage return in a log")
        let status = r.stdout.split(separator: "\n").filter { $0.hasPrefix("ex7   ") && $0.contains(" % · ") }
        XCTAssertGreaterThanOrEqual(status.count, 5, r.stdout)
        XCTAssertLessThanOrEqual(status.count, 10, "at most one line per tenth: \(r.stdout)")
        XCTAssertTrue(status.contains { $0.contains(" jobs · ") }, "the jobs done and known: \(status)")
    }

    func testEveryBadSetIsOneLineWithStatus2AndTheValidKeysAndWritesNothing() throws {
        let cases: [(String, String)] = [
            ("ex7.nonsense=1", "stage ex7 has no parameter 'nonsense'"),
            ("ex9.seeds=1", "no stage 'ex9' has parameters"),
            ("ex7seeds=1", "expected STAGE.KEY=VALUE"),
            ("ex7.seeds", "expected STAGE.KEY=VALUE"),
            ("ex7.seeds=three", "expected an integer"),
            ("ex7.seeds=0", "out of range, ex7.seeds takes an integer in 1…100"),
            ("ex7.toys=moons,stars", "out of range, ex7.toys takes a list of"),
        ]
        for (argument, problem) in cases {
            let out = try scratchFolder(self).appendingPathComponent("out")
            let r = try CLIProcess.run(["report", "--only", "ex7", "--profile", "fast", "--set", argument, "--out", out.path])
            XCTAssertEqual(r.status, 2, argument)
            XCTAssertEqual(r.stdout, "", argument)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("error: ") && r.stderr.contains(problem), "\(argument): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("valid keys: ") && r.stderr.contains("ex7.seeds (an integer in 1…100)"), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "\(argument): nothing written")
        }
        let twice = try CLIProcess.run(["report", "--set", "ex7.seeds=2", "--set", "ex7.seeds=3",
                                        "--out", try scratchFolder(self).appendingPathComponent("out").path])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("ex7.seeds given twice"), twice.stderr)
    }
}
