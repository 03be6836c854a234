import XCTest
@testable import Report

/// `pass` must follow from the bounds alone; expected values are worked out by hand.
final class CheckTests: XCTestCase {
    func testWithinPassesInsideAndFailsOutside() {
        XCTAssertTrue(Check.within(id: "a", claim: "", measured: 1.04, expected: 1, tolerance: 0.05).pass)
        XCTAssertFalse(Check.within(id: "a", claim: "", measured: 1.06, expected: 1, tolerance: 0.05).pass)
        XCTAssertFalse(Check.within(id: "a", claim: "", measured: 0.94, expected: 1, tolerance: 0.05).pass)
        XCTAssertEqual(Check.within(id: "a", claim: "", measured: 1, expected: 1, tolerance: 0.05).tolerance, 0.05)
    }

    func testAsymmetricIntervalRelativeToExpected() {
        // gap must lie in [−3·SE, 0.03] with SE = 0.01: accepted band [−0.03, 0.03] around 0… shifted to expected 2.
        let inside = Check.interval(id: "b", claim: "", measured: 1.975, expected: 2, below: 0.03, above: 0.01)
        let tooLow = Check.interval(id: "b", claim: "", measured: 1.96, expected: 2, below: 0.03, above: 0.01)
        let tooHigh = Check.interval(id: "b", claim: "", measured: 2.02, expected: 2, below: 0.03, above: 0.01)
        XCTAssertTrue(inside.pass)
        XCTAssertFalse(tooLow.pass)
        XCTAssertFalse(tooHigh.pass)
        XCTAssertEqual(inside.lower, 1.97)
        XCTAssertEqual(inside.upper, 2.01)
        XCTAssertEqual(inside.tolerance, 0.03)
    }

    func testOneSidedChecks() {
        XCTAssertTrue(Check.atMost(id: "c", claim: "", measured: 0.049, tolerance: 0.05).pass)
        XCTAssertFalse(Check.atMost(id: "c", claim: "", measured: 0.051, tolerance: 0.05).pass)
        XCTAssertTrue(Check.atMost(id: "c", claim: "", measured: -100, tolerance: 0.05).pass)
        XCTAssertNil(Check.atMost(id: "c", claim: "", measured: 0, tolerance: 0.05).lower)
        XCTAssertTrue(Check.atLeast(id: "d", claim: "", measured: 0.99, expected: 1, tolerance: 0.02).pass)
        XCTAssertFalse(Check.atLeast(id: "d", claim: "", measured: 0.97, expected: 1, tolerance: 0.02).pass)
    }

    func testNaNAlwaysFailsAndHoldsIsBoolean() {
        XCTAssertFalse(Check.atMost(id: "e", claim: "", measured: .nan, tolerance: 1).pass)
        XCTAssertFalse(Check(id: "e", claim: "", measured: .nan, expected: 0, lower: nil, upper: nil).pass)
        XCTAssertTrue(Check.holds(id: "f", claim: "", true).pass)
        XCTAssertFalse(Check.holds(id: "f", claim: "", false).pass)
        XCTAssertEqual(Check.holds(id: "f", claim: "", false).measured, 0)
    }

    func testJSONWritesNullForNonFiniteAndRoundTrips() throws {
        let check = Check.atMost(id: "g", claim: "x", measured: .infinity, tolerance: 0.5)
        let text = String(decoding: try JSONEncoder().encode(check), as: UTF8.self)
        XCTAssertTrue(text.contains("\"measured\":null"), text)
        XCTAssertFalse(check.pass)
        let back = try JSONDecoder().decode(Check.self, from: Data(text.utf8))
        XCTAssertEqual(back.id, "g")
        XCTAssertEqual(back.upper, 0.5)
        XCTAssertEqual(back.pass, false)
        let metric = String(decoding: try JSONEncoder().encode(MetricValue.numbers([1, .nan])), as: UTF8.self)
        XCTAssertEqual(metric, "[1,null]")
    }
}
