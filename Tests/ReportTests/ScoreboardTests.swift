import Foundation
import XCTest
@testable import Report

/// The scoreboard scores primary checks only, decides a universal statement by conjunction, and says
/// "Verified"/"Refuted" for mathematics.
final class ScoreboardTests: XCTestCase {
    private func empirical(_ id: String, low: Double, high: Double, primary: Bool = true) -> Check {
        let i = ReplicateInterval(estimate: (low + high) / 2, low: low, high: high, n: 3, standardError: 1, degreesOfFreedom: 2, alpha: 0.05)
        let c = Check.empirical(id: id, claim: "", evidence: EmpiricalEvidence(estimand: "", unit: "seeds", interval: i, margin: .atLeast(0.05)))
        return primary ? c.asPrimary : c
    }

    private func document(_ checks: [Check], statements: [PaperStatement]) -> ReportDocument {
        let result = StageResult(id: "ex7", title: "t", status: .ok, seconds: 0, cached: false, seed: 0,
                                 output: StageOutput(checks: checks), figures: [], configJSON: Data(), error: nil, warnings: [], sourceFile: "")
        var d = ReportDocument(profile: .fast, generated: Date(), provenance: Provenance(commit: "c", dirty: false, swiftVersion: "6", operatingSystem: "l", cpu: "x", extra: [:]), results: [result], notRun: [])
        d.statements = statements
        return d
    }

    func testAUniversalClaimIsAConjunctionOfItsCases() {
        let s = PaperStatement(name: "OAS beats RND", statement: "", claimClass: .empirical, idSuffixes: [".beats"])
        let allPass = ScoreboardRow.rows(document([empirical("ex7.a.beats", low: 0.1, high: 0.2), empirical("ex7.b.beats", low: 0.06, high: 0.3)], statements: [s]))
        XCTAssertEqual(allPass[0].status, "pass")
        let oneOpen = ScoreboardRow.rows(document([empirical("ex7.a.beats", low: 0.1, high: 0.2), empirical("ex7.b.beats", low: 0.0, high: 0.3)], statements: [s]))
        XCTAssertEqual(oneOpen[0].status, "inconclusive")
        XCTAssertTrue(oneOpen[0].verdict.contains("ex7.b"), oneOpen[0].verdict)
        let oneFails = ScoreboardRow.rows(document([empirical("ex7.a.beats", low: 0.1, high: 0.2), empirical("ex7.b.beats", low: -0.2, high: 0.0),
                                                    empirical("ex7.c.beats", low: 0.0, high: 0.3)], statements: [s]))
        XCTAssertEqual(oneFails[0].status, "fail")
        XCTAssertEqual(oneFails[0].verdict, "Does not hold in: ex7.b.")
    }

    func testDiagnosticsAreShownButNotScored() {
        let s = PaperStatement(name: "x", statement: "", claimClass: .empirical, idSuffixes: [".beats"])
        let rows = ScoreboardRow.rows(document([empirical("ex7.a.beats", low: 0.1, high: 0.2),
                                                empirical("ex7.b.beats", low: -0.2, high: 0.0, primary: false)], statements: [s]))
        XCTAssertEqual(rows[0].primaries.count, 1)
        XCTAssertEqual(rows[0].status, "pass")
    }

    func testMathematicsIsVerifiedOrRefuted() {
        let s = PaperStatement(name: "Lemma", statement: "", claimClass: .math, idPrefixes: ["lemma."])
        let ok = Check.atMost(id: "lemma.exact", claim: "", measured: 1e-12, tolerance: 1e-8).asPrimary
        let bad = Check.atMost(id: "lemma.exact", claim: "", measured: 0.26, tolerance: 1e-8).asPrimary
        XCTAssertEqual(ScoreboardRow.rows(document([ok], statements: [s]))[0].verdict, "Verified.")
        XCTAssertEqual(ScoreboardRow.rows(document([bad], statements: [s]))[0].verdict, "Refuted.")
        XCTAssertEqual(ScoreboardRow.rows(document([], statements: [s]))[0].verdict, "Not tested in this run.")
        let tally = ScoreboardTally(ScoreboardRow.rows(document([ok], statements: [s])))
        XCTAssertEqual([tally.verified, tally.refuted], [1, 0])
    }
}
