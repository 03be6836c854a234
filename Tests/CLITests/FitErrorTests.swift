import Foundation
import XCTest

/// Bad input to `fit`, `sample`, `density` and `bound --passive`: one line naming file, line and problem.
final class FitErrorTests: XCTestCase {
    func testFitMalformedCSV() throws {
        let dir = try scratchFolder(self)
        let ragged = try write("a,b\n1,2\n3,4\n5\n", "ragged.csv", in: dir)
        assertOneLineError(try CLIRunner.run(["fit", "--input", ragged, "--out", dir.appendingPathComponent("m.json").path]),
                           ["ragged.csv: line 4: ragged row"])
        let text = try write("a,b\n1,2\n3,x\n", "text.csv", in: dir)
        assertOneLineError(try CLIRunner.run(["fit", "--input", text]), ["text.csv: line 3: column 1: 'x' is not a number"])
        let one = try write("a\n1\n2\n", "one.csv", in: dir)
        assertOneLineError(try CLIRunner.run(["fit", "--input", one]), ["one.csv: line 2: need at least 2 numeric columns"])
        assertOneLineError(try CLIRunner.run(["fit", "--input", dir.appendingPathComponent("none.csv").path]), ["cannot read"])
    }

    func testFitNaN() throws {
        let dir = try scratchFolder(self)
        let nan = try write("1,2\nnan,4\n", "nan.csv", in: dir)
        assertOneLineError(try CLIRunner.run(["fit", "--input", nan]), ["nan.csv: line 2: column 0: non-finite"])
    }

    /// Too few rows for the split; the existing model file is left as it was.
    func testFitTooFewRowsLeavesExistingModel() throws {
        let dir = try scratchFolder(self)
        let data = try write(ridgeCSV(rows: 60), "small.csv", in: dir)
        let model = try write("old model", "model.json", in: dir)
        assertOneLineError(try CLIRunner.run(["fit", "--input", data, "--out", model]),
                           ["small.csv: too few samples: need at least 100, got 60", "80/20 train/test split"])
        XCTAssertEqual(try String(contentsOfFile: model, encoding: .utf8), "old model")
    }

    func testModelOfAnotherVersionOrTruncated() throws {
        let dir = try scratchFolder(self)
        let points = try write("1,2\n", "p.csv", in: dir)
        let future = try write("{\"format\": \"couplinglab-flow\", \"version\": 2}", "future.json", in: dir)
        assertOneLineError(try CLIRunner.run(["density", "--model", future, "--input", points]),
                           ["future.json: model format version 2 is not supported (this couplinglab reads version 1)"])
        let model = dir.appendingPathComponent("m.json").path
        XCTAssertEqual(try CLIRunner.run(["fit", "--input", try write(ridgeCSV(rows: 300), "d.csv", in: dir), "--method",
                                          "closed-form", "--layers", "1", "--out", model]).status, 0)
        let full = try String(contentsOfFile: model, encoding: .utf8)
        let cut = try write(String(full.prefix(full.count / 2)), "cut.json", in: dir)
        assertOneLineError(try CLIRunner.run(["sample", "--model", cut, "-n", "3"]), ["cut.json: line 1: not a complete JSON document"])
        assertOneLineError(try CLIRunner.run(["sample", "--model", points, "-n", "3"]), ["p.csv: line 1: not a complete JSON"])
        let other = try write("{\"format\": \"something\"}", "other.json", in: dir)
        assertOneLineError(try CLIRunner.run(["sample", "--model", other, "-n", "3"]), ["other.json: not a couplinglab model"])
        let broken = try write(full.replacingOccurrences(of: "\"dimension\":2", with: "\"dimension\":3"), "broken.json", in: dir)
        assertOneLineError(try CLIRunner.run(["sample", "--model", broken, "-n", "3"]), ["broken.json: invalid model"])
        assertOneLineError(try CLIRunner.run(["density", "--model", model, "--input", try write("1,2,3\n", "three.csv", in: dir)]),
                           ["three.csv: line 1: 3 columns, but the model has 2 (x, y)"])
        assertOneLineError(try CLIRunner.run(["density", "--model", model, "--input", try write("x,y\n1,inf\n", "inf.csv", in: dir)]),
                           ["inf.csv: line 2: column 1: non-finite"])
    }

    /// `bound --passive` on 3D data finds the informative plane; bad K is one line.
    func testBoundGeneralOAS() throws {
        let dir = try scratchFolder(self)
        var text = "a,b,c\n"
        var state: UInt64 = 9
        func u() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return (Double(state >> 11) + 0.5) / Double(1 << 53) }
        for _ in 0..<600 {
            let p = 4 * u() - 2
            text += "\(p),\(cos(2 * p) + 0.2 * (u() - 0.5)),\(u() - 0.5)\n"
        }
        let data = try write(text, "d3.csv", in: dir)
        let r = try CLIRunner.run(["bound", "--input", data, "--passive", "1", "--candidates", "8", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(json?["dimension"] as? Int, 3)
        let delta = try XCTUnwrap(json?["delta"] as? Double), start = try XCTUnwrap(json?["best_random_delta"] as? Double)
        XCTAssertGreaterThanOrEqual(delta, start)
        assertOneLineError(try CLIRunner.run(["bound", "--input", data, "--passive", "3"]), ["d3.csv: invalid --passive = 3"])
        let two = try CLIRunner.run(["bound", "--input", try write("1,2,3\n", "x.csv", in: dir), "--bins", "1"])
        XCTAssertTrue(two.stderr.contains("or --passive K for D > 2"), two.stderr)
    }
}
