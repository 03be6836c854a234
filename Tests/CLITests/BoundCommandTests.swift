import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// End-to-end tests of `couplinglab bound`: the built binary run as a subprocess.
final class BoundCommandTests: XCTestCase {
    /// Four samples (±2, ±1). One bin, so Δ̂ = ½(v − 1 − log v) of the active column (m = 0 at every angle):
    /// θ = 0: a = x₂ ∈ {−1, 1, −1, 1}, v = 4/3 (n − 1) → ½(1/3 − log 4/3) = 0.0228256…;
    /// θ = 90°: a = x₁ ∈ {−2, −2, 2, 2}, v = 16/3 → ½(13/3 − log 16/3) = 1.3296784…;
    /// θ = 45°, 135°: a = (x₁ ± x₂)/√2 ∈ {±1, ±3}/√2, v = 10/3 → ½(7/3 − log 10/3).
    let fourPoints = "x,y\n-2,-1\n-2,1\n2,-1\n2,1\n"

    func testTableOutputIsExact() throws {
        let file = try temporaryFile(fourPoints)
        let r = try run(["bound", "--input", file, "--angles", "2", "--bins", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            angle_deg     delta
                 0.00  0.022826
                90.00  1.329678
            best: angle 90.00 deg, delta 1.329678

            """)
    }

    func testJSONOutput() throws {
        let file = try temporaryFile(fourPoints)
        let r = try run(["bound", "--input", file, "--angles", "4", "--bins", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("{\"angles_deg\": [0.0, 45.0, 90.0, 135.0], \"delta\": ["), r.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let delta = try XCTUnwrap(object?["delta"] as? [Double])
        func d(_ v: Double) -> Double { 0.5 * (v - 1 - log(v)) }
        let expected = [d(4.0 / 3), d(10.0 / 3), d(16.0 / 3), d(10.0 / 3)]
        XCTAssertEqual(delta.count, 4)
        for (x, y) in zip(delta, expected) { XCTAssertEqual(x, y, accuracy: 1e-12) }
        XCTAssertEqual(object?["best_angle_deg"] as? Double, 90)
        XCTAssertEqual(try XCTUnwrap(object?["best_delta"] as? Double), d(16.0 / 3), accuracy: 1e-12)
    }

    func testColumnsOption() throws {
        let file = try temporaryFile("id,u,v\n1,-2,-1\n2,-2,1\n3,2,-1\n4,2,1\n")
        let r = try run(["bound", "--input", file, "--angles", "2", "--bins", "1", "--columns", "1,2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("best: angle 90.00 deg, delta 1.329678"), r.stdout)
    }

    func testMissingFile() throws {
        try assertOneLineError(["bound", "--input", "/nonexistent/dir/data.csv"], contains: "cannot read")
    }

    func testRaggedRows() throws {
        try assertOneLineError(["bound", "--input", try temporaryFile("1,2\n3,4\n5\n"), "--bins", "1"], contains: "line 3: ragged")
    }

    func testWrongColumnCount() throws {
        try assertOneLineError(["bound", "--input", try temporaryFile("1,2,3\n"), "--bins", "1"], contains: "line 1: expected exactly 2")
    }

    func testNonNumeric() throws {
        try assertOneLineError(["bound", "--input", try temporaryFile("1,2\n3,x\n"), "--bins", "1"], contains: "line 2: column 1: 'x' is not a number")
    }

    func testNonFinite() throws {
        try assertOneLineError(["bound", "--input", try temporaryFile("1,2\nnan,4\n"), "--bins", "1"], contains: "line 2: column 0: non-finite")
        try assertOneLineError(["bound", "--input", try temporaryFile("1,inf\n"), "--bins", "1"], contains: "line 1: column 1: non-finite")
    }

    func testTooFewSamplesPerBin() throws {
        try assertOneLineError(["bound", "--input", try temporaryFile(fourPoints)], contains: "need at least 128, got 4")
    }

    func testBadColumnsOptionFailsValidation() throws {
        let r = try run(["bound", "--input", try temporaryFile(fourPoints), "--columns", "0"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--columns"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    // MARK: helpers

    private func assertOneLineError(_ args: [String], contains fragment: String, line: UInt = #line) throws {
        let r = try run(args)
        XCTAssertNotEqual(r.status, 0, line: line)
        XCTAssertEqual(r.stdout, "", line: line)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "stderr: \(r.stderr)", line: line)
        XCTAssertTrue(r.stderr.hasPrefix("error: "), r.stderr, line: line)
        XCTAssertTrue(r.stderr.contains(fragment), "'\(r.stderr)' lacks '\(fragment)'", line: line)
    }

    private func run(_ arguments: [String]) throws -> CLIProcess.Result { try CLIProcess.run(arguments) }

    /// Writes `text` to a fresh temporary file (temp name, then rename) and returns its path.
    private func temporaryFile(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("couplinglab-cli-tests-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let final = dir.appendingPathComponent("\(UUID().uuidString).csv")
        let temp = dir.appendingPathComponent(".\(UUID().uuidString).tmp")
        try Data(text.utf8).write(to: temp)
        try FileManager.default.moveItem(at: temp, to: final)
        addTeardownBlock { try? FileManager.default.removeItem(at: final) }
        return final.path
    }
}
