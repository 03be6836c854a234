@testable import Report
import XCTest

/// The three verdicts of a check, its kind, and their JSON form.
final class CheckStatusTests: XCTestCase {
    func testStatusFollowsTheBandAndInconclusiveIsNeverAPass() {
        let inside = Check.atMost(id: "a", claim: "small", measured: 0.01, tolerance: 0.05)
        XCTAssertEqual(inside.status, .pass)
        XCTAssertTrue(inside.pass)
        let outside = Check.atMost(id: "b", claim: "small", measured: 0.1, tolerance: 0.05)
        XCTAssertEqual(outside.status, .fail)
        let unsure = inside.inconclusive("budget: runs did not converge")
        XCTAssertEqual(unsure.status, .inconclusive)
        XCTAssertFalse(unsure.pass, "an inconclusive check must not count as passed")
        XCTAssertEqual(unsure.measured, 0.01, "the measured value stays visible")
        XCTAssertEqual(unsure.reason, "budget: runs did not converge")
        XCTAssertEqual(inside.kind, .claim)
        XCTAssertEqual(inside.selfCheck.kind, .selfCheck)
        XCTAssertEqual(outside.noting("why").status, .fail)
    }

    func testJSONCarriesStatusKindAndReasonAndReadsOldEntries() throws {
        let check = Check.within(id: "x", claim: "c", measured: 1, expected: 1, tolerance: 0.1).inconclusive("noise").selfCheck
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(check)) as! [String: Any]
        XCTAssertEqual(json["status"] as? String, "inconclusive")
        XCTAssertEqual(json["kind"] as? String, "self-check")
        XCTAssertEqual(json["reason"] as? String, "noise")
        XCTAssertEqual(json["pass"] as? Bool, false)
        XCTAssertEqual(try JSONDecoder().decode(Check.self, from: JSONEncoder().encode(check)), check)
        // An entry written before status and kind existed reads as a pass/fail claim.
        let old = #"{"id":"o","claim":"c","measured":1,"expected":1,"tolerance":0.1,"pass":false}"#
        let decoded = try JSONDecoder().decode(Check.self, from: Data(old.utf8))
        XCTAssertEqual(decoded.status, .fail)
        XCTAssertEqual(decoded.kind, .claim)
        XCTAssertNil(decoded.reason)
    }

    func testTallyCountsTheThreeApart() {
        let pass = Check.holds(id: "p", claim: "", true), fail = Check.holds(id: "f", claim: "", false)
        let tally = CheckTally([pass, fail, fail, pass.inconclusive("r")])
        XCTAssertEqual([tally.pass, tally.fail, tally.inconclusive, tally.total], [1, 2, 1, 4])
        XCTAssertEqual(tally.text, "1 pass, 2 fail, 1 inconclusive")
    }

    func testShardParsing() throws {
        XCTAssertEqual(try Shard(parsing: "2/4"), Shard(index: 2, count: 4))
        for bad in ["0/2", "3/2", "a/b", "2", "1/0", "1/2/3"] {
            XCTAssertThrowsError(try Shard(parsing: bad), bad) { error in
                XCTAssertEqual(error as? ReportError, .invalidShard(bad))
            }
        }
        // Every key belongs to exactly one shard.
        let keys = (0..<200).map { String(format: "%064x", $0 &* 0x9E37_79B9) }
        for key in keys {
            XCTAssertEqual((1...3).filter { Shard(index: $0, count: 3).owns(key: key) }.count, 1, key)
        }
    }
}
