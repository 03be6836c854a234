import Foundation
import XCTest
import Report
@testable import Paper

/// What every stage's checks must satisfy under the one decision rule, whatever the profile:
/// - a claim check's id is in the claim table, with the table's class and primary flag;
/// - an empirical check carries an interval and a margin region of positive width (never a point null),
///   and its verdict is the rule applied to them (recomputed here, not read back);
/// - a math or self-check passes exactly when its measured value lies in its band;
/// - math claims on exact objects are verified (except the erratum, which must be refuted), and
///   self-checks pass unless listed.
func assertChecksFollowTheRule(_ output: StageOutput, selfCheckFindings: Set<String> = [],
                               file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(output.checks.isEmpty, file: file, line: line)
    for c in output.checks {
        if c.kind == .claim {
            guard let spec = ClaimCatalog.spec(c.id) else {
                XCTFail("\(c.id) is not in the claim table", file: file, line: line); continue
            }
            XCTAssertEqual(c.claimClass, spec.claimClass, "\(c.id): class", file: file, line: line)
            XCTAssertEqual(c.primary, spec.primary, "\(c.id): primary", file: file, line: line)
        }
        if let e = c.evidence {
            XCTAssertEqual(c.claimClass, .empirical, c.id, file: file, line: line)
            XCTAssertFalse(e.margin.low == nil && e.margin.high == nil, "\(c.id): no margin", file: file, line: line)
            if let l = e.margin.low, let h = e.margin.high { XCTAssertLessThan(l, h, "\(c.id): a point null", file: file, line: line) }
            let i = e.interval
            let expected: CheckStatus
            if i.n < 2 || i.low.isNaN || i.high.isNaN || (i.low == -.infinity && i.high == .infinity) { expected = .inconclusive }
            else if (e.margin.floor.map { i.high < $0 } ?? false) || (e.margin.high.map { i.low > $0 } ?? false)
                        || (e.margin.low.map { i.high < $0 } ?? false) { expected = .fail }
            else if (e.margin.low.map { i.low >= $0 } ?? true) && (e.margin.high.map { i.high <= $0 } ?? true) { expected = .pass }
            else { expected = .inconclusive }
            // A budget gate may turn any verdict into "inconclusive (budget)".
            if !(c.status == .inconclusive && (c.reason?.hasPrefix("budget") ?? false)) {
                XCTAssertEqual(c.status, expected, "\(c.id): interval [\(i.low), \(i.high)] vs \(e.margin.text)", file: file, line: line)
            }
        } else {
            XCTAssertNotEqual(c.claimClass, .empirical, "\(c.id): an empirical check without an interval", file: file, line: line)
            let inBand = !c.measured.isNaN && (c.lower.map { c.measured >= $0 } ?? true) && (c.upper.map { c.measured <= $0 } ?? true)
            if c.status != .inconclusive { XCTAssertEqual(c.pass, inBand, "\(c.id): pass flag disagrees with its band", file: file, line: line) }
            if c.kind == .claim && c.primary {
                let erratum = c.id.hasPrefix("lemma2_printed.")
                XCTAssertEqual(c.status, erratum ? .fail : .pass, "\(c.id): measured \(c.measured)", file: file, line: line)
            }
            if c.kind == .selfCheck && !selfCheckFindings.contains(c.id) {
                XCTAssertEqual(c.status, .pass, "\(c.id): measured \(c.measured) outside [\(c.lower ?? -.infinity), \(c.upper ?? .infinity)]",
                               file: file, line: line)
            }
        }
    }
}
