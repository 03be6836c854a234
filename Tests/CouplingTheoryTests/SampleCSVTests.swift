import CouplingTheory
import FlowCore
import XCTest

/// CSV input of `couplinglab bound`: accepted forms and each bad-input case, with line numbers.
final class SampleCSVTests: XCTestCase {
    func testParsesWithAndWithoutHeader() throws {
        let a = try SampleCSV.parse(text: "x,y\n1,2\n3.5, -4\n\n")
        XCTAssertEqual(a.rows, 2)
        XCTAssertEqual(a.values, [1, 2, 3.5, -4])
        let b = try SampleCSV.parse(text: "1 2\r\n3 4\r\n")
        XCTAssertEqual(b.values, [1, 2, 3, 4])
    }

    func testColumnsSelectsTwoOfMany() throws {
        let m = try SampleCSV.parse(text: "id,label,u,v\n1,a,0.5,7\n2,b,1.5,8\n", columns: (2, 3))
        XCTAssertEqual(m.values, [0.5, 7, 1.5, 8])
    }

    func testWrongColumnCountNamesTheLine() {
        assertCSVError("1,2,3\n", line: 1, contains: "expected exactly 2")
    }

    func testRaggedRowNamesTheLine() {
        assertCSVError("x,y\n1,2\n3\n", line: 3, contains: "ragged")
    }

    func testNonNumericNamesTheLine() {
        assertCSVError("1,2\n3,abc\n", line: 2, contains: "'abc' is not a number")
    }

    func testNonFiniteNamesTheLine() {
        assertCSVError("1,2\n3,4\nnan,1\n", line: 3, contains: "non-finite")
        assertCSVError("1,inf\n", line: 1, contains: "non-finite")
    }

    func testEmptyInput() {
        assertCSVError("x,y\n", line: 0, contains: "no data rows")
    }

    func testTooFewSamplesPerBin() throws {
        let m = try SampleCSV.parse(text: (0..<10).map { "\($0),\($0 % 3)" }.joined(separator: "\n"))
        XCTAssertThrowsError(try BoundAnalysis.run(samples: m, config: .init(angleCount: 4, bins: 3))) { error in
            XCTAssertEqual(error as? TheoryError, .tooFewSamples(needed: 12, got: 10, reason: "4 per bin × 3 bins"))
        }
    }

    /// Hand values: 4 points (±2, ±1). θ = 0: a = x₂ ∈ {−1, 1, −1, 1}: m = 0, v = 4/3 (n − 1);
    /// θ = 90°: a = x₁ ∈ {−2, −2, 2, 2}: m = 0, v = 16/3. One bin, Δ = ½(v − 1 − log v).
    func testBoundAnalysisByHand() throws {
        let m = try SampleCSV.parse(text: "-2,-1\n-2,1\n2,-1\n2,1\n")
        let r = try BoundAnalysis.run(samples: m, config: .init(angleCount: 2, bins: 1))
        let d0 = 0.5 * (4.0 / 3 - 1 - log(4.0 / 3)), d90 = 0.5 * (16.0 / 3 - 1 - log(16.0 / 3))
        XCTAssertEqual(r.anglesDeg, [0, 90])
        XCTAssertEqual(r.delta[0], d0, accuracy: 1e-12)
        XCTAssertEqual(r.delta[1], d90, accuracy: 1e-12)
        XCTAssertEqual(r.bestAngleDeg, 90)
        XCTAssertEqual(r.bestDelta, d90, accuracy: 1e-12)
    }

    private func assertCSVError(_ text: String, line: Int, contains fragment: String, file: StaticString = #filePath, lineNo: UInt = #line) {
        XCTAssertThrowsError(try SampleCSV.parse(text: text), file: file, line: lineNo) { error in
            guard case let .csv(l, problem)? = error as? TheoryError else {
                return XCTFail("expected a CSV error, got \(error)", file: file, line: lineNo)
            }
            XCTAssertEqual(l, line, file: file, line: lineNo)
            XCTAssertTrue(problem.contains(fragment), "'\(problem)' lacks '\(fragment)'", file: file, line: lineNo)
        }
    }
}
