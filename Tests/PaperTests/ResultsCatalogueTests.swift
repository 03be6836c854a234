import XCTest

/// The reader of docs/results.md that FullReportTests uses, on a small hand-made catalogue.
final class ResultsCatalogueTests: XCTestCase {
    func testPatternsPlaceholdersAndSharedSections() throws {
        let md = """
        ## ex1 and ex2
        - `seed_loss_gaps`, `seeds`: per seed.
        - `bound_ml_loss`, `seconds_total`.
        ## ex7
        - `<toy>.nll_by_depth_<method>_seed<k>`: per seed, mentioning `not_a_name` after the colon.
        """
        let c = try ResultsCatalogue(markdown: md)
        XCTAssertEqual(c.mismatches(stage: "ex2", names: ["seeds", "seed_loss_gaps", "bound_ml_loss", "seconds_total"]).undocumented, [])
        XCTAssertEqual(c.mismatches(stage: "ex1", names: ["seeds", "extra"]).undocumented, ["extra"])
        XCTAssertEqual(c.mismatches(stage: "ex1", names: ["seeds"]).unused.count, 3)
        XCTAssertEqual(c.mismatches(stage: "ex7", names: ["moons.nll_by_depth_lw_oas_seed2"]).undocumented, [])
        XCTAssertEqual(c.mismatches(stage: "ex7", names: ["moons.nll_by_depth_lw_oas_seedX", "not_a_name"]).undocumented.count, 2)
    }
}
