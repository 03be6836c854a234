import Foundation
import XCTest
@testable import Report

/// The one decision rule for empirical claims: Student's t, the interval over replicates, the verdict
/// against a margin, and the scoreboard's conjunction — every expected value worked out by hand or
/// taken from printed t tables.
final class VerdictRuleTests: XCTestCase {
    func testStudentTQuantilesMatchPrintedTables() {
        // One-sided 95 % points: df 1 → 6.3138, 4 → 2.1318, 10 → 1.8125, 30 → 1.6973; 97.5 % at df 10 → 2.2281.
        XCTAssertEqual(StudentT.quantile(0.95, degreesOfFreedom: 1), 6.313752, accuracy: 1e-5)
        XCTAssertEqual(StudentT.quantile(0.95, degreesOfFreedom: 4), 2.131847, accuracy: 1e-5)
        XCTAssertEqual(StudentT.quantile(0.95, degreesOfFreedom: 10), 1.812461, accuracy: 1e-5)
        XCTAssertEqual(StudentT.quantile(0.95, degreesOfFreedom: 30), 1.697261, accuracy: 1e-5)
        XCTAssertEqual(StudentT.quantile(0.975, degreesOfFreedom: 10), 2.228139, accuracy: 1e-5)
        // Many degrees of freedom: the normal's 1.644854.
        XCTAssertEqual(StudentT.quantile(0.95, degreesOfFreedom: 1e7), 1.644854, accuracy: 1e-5)
        XCTAssertEqual(StudentT.quantile(0.05, degreesOfFreedom: 4), -2.131847, accuracy: 1e-5)
        XCTAssertEqual(StudentT.cdf(0, degreesOfFreedom: 3), 0.5, accuracy: 1e-15)
        // df = 1 is Cauchy: P(T ≤ 1) = ¾.
        XCTAssertEqual(StudentT.cdf(1, degreesOfFreedom: 1), 0.75, accuracy: 1e-12)
    }

    func testIntervalOfAMean() {
        // 1…5: mean 3, s² = 2.5, SE = √(2.5/5) = 0.70711, half-width 2.131847·0.70711 = 1.50745.
        let i = ReplicateInterval.mean(of: [1, 2, 3, 4, 5], alpha: 0.05)
        XCTAssertEqual(i.estimate, 3)
        XCTAssertEqual(i.low, 3 - 1.507443, accuracy: 1e-5)
        XCTAssertEqual(i.high, 3 + 1.507443, accuracy: 1e-5)
        XCTAssertEqual(i.n, 5)
        XCTAssertEqual(i.degreesOfFreedom, 4)
        // Identical replicates leave only the point.
        let flat = ReplicateInterval.mean(of: [0.25, 0.25, 0.25], alpha: 0.05)
        XCTAssertEqual([flat.low, flat.high], [0.25, 0.25])
    }

    func testWelchIntervalOfADifference() {
        // a = 1, 2, 3 (mean 2, s² = 1), b = 0, 0, 0, 4 (mean 1, s² = 4): SE² = 1/3 + 1 = 4/3;
        // df = (4/3)² / ((1/3)²/2 + 1²/3) = (16/9)/(1/18 + 1/3) = (16/9)/(7/18) = 32/7.
        let i = ReplicateInterval.difference([1, 2, 3], minus: [0, 0, 0, 4], alpha: 0.05)
        XCTAssertEqual(i.estimate, 1, accuracy: 1e-15)
        XCTAssertEqual(i.standardError, (4.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(i.degreesOfFreedom, 32.0 / 7, accuracy: 1e-12)
        let half = StudentT.quantile(0.95, degreesOfFreedom: 32.0 / 7) * (4.0 / 3).squareRoot()
        XCTAssertEqual(i.high - i.low, 2 * half, accuracy: 1e-12)
        XCTAssertEqual(i.n, 3)
    }

    func testFewerThanTwoReplicatesDecideNothing() {
        let one = ReplicateInterval.mean(of: [0.01], alpha: 0.05)
        XCTAssertEqual([one.low, one.high], [-.infinity, .infinity])
        let e = EmpiricalEvidence(estimand: "x", unit: "seeds", interval: one, margin: .atMost(0.032))
        XCTAssertEqual(e.status, .inconclusive)
        XCTAssertEqual(EmpiricalEvidence(estimand: "x", unit: "seeds", interval: .mean(of: [], alpha: 0.05), margin: .atMost(1)).status, .inconclusive)
    }

    func testADivergedReplicateMakesTheEstimateInfinite() {
        let i = ReplicateInterval.mean(of: [0.01, .infinity, 0.02], alpha: 0.05)
        XCTAssertEqual([i.estimate, i.low, i.high], [.infinity, .infinity, .infinity])
        XCTAssertEqual(EmpiricalEvidence(estimand: "x", unit: "seeds", interval: i, margin: .atMost(0.032, floor: 0)).status, .fail)
    }

    private func verdict(_ low: Double, _ high: Double, _ margin: ClaimMargin) -> CheckStatus {
        let i = ReplicateInterval(estimate: (low + high) / 2, low: low, high: high, n: 5, standardError: 1, degreesOfFreedom: 4, alpha: 0.05)
        return EmpiricalEvidence(estimand: "x", unit: "seeds", interval: i, margin: margin).status
    }

    func testPassInsideFailOutsideUndecidedAcross() {
        let gap = ClaimMargin.atMost(0.032, floor: 0)
        XCTAssertEqual(verdict(0.010, 0.025, gap), .pass)
        XCTAssertEqual(verdict(0.020, 0.040, gap), .inconclusive)
        XCTAssertEqual(verdict(0.040, 0.060, gap), .fail)
        // Reaching below the floor is noise; lying entirely below it is a bug.
        XCTAssertEqual(verdict(-0.004, 0.003, gap), .pass)
        XCTAssertEqual(verdict(-0.020, -0.010, gap), .fail)
        let beats = ClaimMargin.atLeast(0.05)
        XCTAssertEqual(verdict(0.06, 0.20, beats), .pass)
        XCTAssertEqual(verdict(0.00, 0.20, beats), .inconclusive)
        XCTAssertEqual(verdict(-0.10, 0.04, beats), .fail)
        let onPar = ClaimMargin.within(0.039)
        XCTAssertEqual(verdict(-0.03, 0.02, onPar), .pass)
        XCTAssertEqual(verdict(-0.05, 0.02, onPar), .inconclusive)
        XCTAssertEqual(verdict(0.04, 0.09, onPar), .fail)
    }

    func testPassingMarginIsTheTightestMarginThatWouldStillPass() {
        let i = ReplicateInterval(estimate: 0.02, low: 0.012, high: 0.025, n: 5, standardError: 0.005, degreesOfFreedom: 4, alpha: 0.05)
        XCTAssertEqual(EmpiricalEvidence(estimand: "", unit: "", interval: i, margin: .atMost(0.032)).passingMargin, 0.025)
        XCTAssertEqual(EmpiricalEvidence(estimand: "", unit: "", interval: i, margin: .atLeast(0.01)).passingMargin, 0.012)
        let j = ReplicateInterval(estimate: 0, low: -0.03, high: 0.02, n: 5, standardError: 0.01, degreesOfFreedom: 4, alpha: 0.05)
        XCTAssertEqual(EmpiricalEvidence(estimand: "", unit: "", interval: j, margin: .within(0.05)).passingMargin, 0.03)
    }

    func testAnEmpiricalCheckCarriesItsIntervalAndMarginInJSON() throws {
        let evidence = EmpiricalEvidence(estimand: "gap", unit: "training seeds",
                                         interval: .mean(of: [0.01, 0.02, 0.015, 0.012, 0.018], alpha: 0.05),
                                         margin: .atMost(0.032, floor: 0))
        let check = Check.empirical(id: "theorem1.training_gap_W", claim: "c", evidence: evidence).asPrimary
        XCTAssertEqual(check.status, .pass)
        XCTAssertEqual(check.claimClass, .empirical)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(check)) as! [String: Any]
        XCTAssertEqual(json["class"] as? String, "empirical")
        XCTAssertEqual(json["primary"] as? Bool, true)
        XCTAssertEqual(json["n"] as? Int, 5)
        XCTAssertEqual(json["margin_high"] as? Double, 0.032)
        XCTAssertTrue(json["margin_low"] is NSNull)
        XCTAssertEqual(json["low"] as! Double, evidence.interval.low, accuracy: 1e-15)
        XCTAssertEqual(json["high"] as! Double, evidence.interval.high, accuracy: 1e-15)
        XCTAssertEqual(try JSONDecoder().decode(Check.self, from: JSONEncoder().encode(check)), check)
        // A math check carries its class and no interval.
        let math = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Check.atMost(id: "m", claim: "", measured: 1e-12, tolerance: 1e-8))) as! [String: Any]
        XCTAssertEqual(math["class"] as? String, "math")
        XCTAssertNil(math["low"])
    }

    func testTheClaimTableDigestFollowsEveryNumber() {
        let row = ClaimSpec(id: "a", statement: "s", claimClass: .empirical, primary: true, estimand: "e", unit: "u",
                            margin: .atMost(0.032), reason: "r")
        var moved = row
        moved.margin = .atMost(0.033)
        XCTAssertNotEqual(ClaimTable(rows: [row], alpha: 0.05).digest, ClaimTable(rows: [moved], alpha: 0.05).digest)
        XCTAssertNotEqual(ClaimTable(rows: [row], alpha: 0.05).digest, ClaimTable(rows: [row], alpha: 0.025).digest)
        XCTAssertEqual(ClaimTable(rows: [row], alpha: 0.05).digest, ClaimTable(rows: [row], alpha: 0.05).digest)
        // Patterns: `<toy>` stands for one or more segments.
        let table = ClaimTable(rows: [ClaimSpec(id: "ex7.<toy>.beats", statement: "", claimClass: .empirical, primary: true,
                                                estimand: "", unit: "", margin: .atLeast(0.05), reason: "")], alpha: 0.05)
        XCTAssertNotNil(table.spec(for: "ex7.moons.beats"))
        XCTAssertNil(table.spec(for: "ex6.beats"))
    }
}
