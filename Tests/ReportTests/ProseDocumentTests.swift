import XCTest
@testable import Report

/// Named alternatives in a prose file: the main text never shows them, the code selects one by a
/// declared `ProseChoice`, and every mismatch between file and code is an error naming file and line.
final class ProseDocumentTests: XCTestCase {
    enum Verdict: String, ProseChoice {
        static let group = "verdict"
        case holds, fails
    }

    enum Tone: String, ProseChoice {
        static let group = "tone"
        case plain
    }

    /// Line 1–3: main text; 5: first marker; 6–7: its text over two lines; 9: second marker.
    let file = """
        ## Findings

        {{verdict}} Seen at {{n}} points.

        <!-- alternative: verdict.holds -->
        The bound **holds**:
        the gap is {{gap}} nats.

        <!-- alternative: verdict.fails -->
        The bound fails by {{gap}} nats.
        """

    func testMainTextLeavesTheAlternativesOutAndTakesTheChosenOne() throws {
        let doc = try ProseDocument(text: file, path: "p.md", choices: [Verdict.self])
        let chosen = try doc.text(Verdict.holds, ["gap": "0.25"])
        XCTAssertEqual(chosen, "The bound **holds**:\nthe gap is 0.25 nats.")
        let page = try doc.render(["verdict": chosen, "n": "7"])
        XCTAssertTrue(page.hasPrefix("## Findings\n\nThe bound **holds**:\nthe gap is 0.25 nats. Seen at 7 points."), page)
        XCTAssertFalse(page.contains("fails"), "an alternative that was not chosen leaked into the main text")
        XCTAssertFalse(page.contains("<!--"))
        XCTAssertEqual(Set(doc.alternativeNames), ["verdict.holds", "verdict.fails"])
    }

    func testAFileWithoutAlternativesIsItsMainText() throws {
        let doc = try ProseDocument(text: "Just {{x}}.\n")
        XCTAssertEqual(try doc.render(["x": "this"]), "Just this.\n")
    }

    func testAnAlternativeNoDeclaredChoiceNamesIsNeverSelectable() {
        XCTAssertThrowsError(try ProseDocument(text: file + "\n<!-- alternative: tone.loud -->\nLoud.", path: "p.md",
                                               choices: [Verdict.self])) { error in
            XCTAssertEqual(error as? ProseError, .unselectableAlternative("tone.loud", file: "p.md", line: 11))
        }
    }

    func testADeclaredCaseWithoutItsAlternativeIsAnError() {
        XCTAssertThrowsError(try ProseDocument(text: file, path: "p.md", choices: [Verdict.self, Tone.self])) { error in
            XCTAssertEqual(error as? ProseError, .missingAlternative("tone.plain", file: "p.md", line: 10))
        }
    }

    func testSelectingAnUndeclaredChoiceIsAnError() throws {
        let doc = try ProseDocument(text: "Main.\n", path: "p.md")
        XCTAssertThrowsError(try doc.text(Tone.plain)) { error in
            XCTAssertEqual(error as? ProseError, .undeclaredChoice("tone.plain", file: "p.md"))
        }
    }

    func testAMissingValueNamesTheLineInTheFile() throws {
        let doc = try ProseDocument(text: file, path: "p.md", choices: [Verdict.self])
        XCTAssertThrowsError(try doc.text(Verdict.holds)) { error in
            XCTAssertEqual(error as? ProseError, .unknownName("gap", file: "p.md", line: 7))
        }
        XCTAssertThrowsError(try doc.text(Verdict.fails, [:])) { error in
            XCTAssertEqual(error as? ProseError, .unknownName("gap", file: "p.md", line: 10))
        }
    }

    func testAnUnusedValueIsAnErrorInAlternativesAndMainText() throws {
        let doc = try ProseDocument(text: file, path: "p.md", choices: [Verdict.self])
        XCTAssertThrowsError(try doc.text(Verdict.fails, ["gap": "1", "seeds": "5"])) { error in
            XCTAssertEqual(error as? ProseError, .unusedValues(["seeds"], file: "p.md", line: 10))
        }
        XCTAssertThrowsError(try doc.render(["verdict": "", "n": "1", "extra": "x"])) { error in
            XCTAssertEqual(error as? ProseError, .unusedValues(["extra"], file: "p.md", line: 1))
        }
    }

    func testMarkersMustBeWellFormedUniqueAndNonEmpty() {
        for (text, expected) in [
            ("Main.\n<!-- alternative verdict.holds -->\nx", ProseError.malformedAlternative(file: "p.md", line: 2)),
            ("Main.\n<!-- alternative: holds -->\nx", .malformedAlternative(file: "p.md", line: 2)),
            ("Main.\n<!-- alternative: verdict.holds\nx", .malformedAlternative(file: "p.md", line: 2)),
            ("<!-- alternative: verdict.holds -->\nx\n<!-- alternative: verdict.holds -->\ny",
             .duplicateAlternative("verdict.holds", file: "p.md", line: 3)),
            ("<!-- alternative: verdict.holds -->\n\n<!-- alternative: verdict.fails -->\ny",
             .emptyAlternative("verdict.holds", file: "p.md", line: 1)),
        ] {
            XCTAssertThrowsError(try ProseDocument(text: text, path: "p.md", choices: [Verdict.self]), text) { error in
                XCTAssertEqual(error as? ProseError, expected, text)
            }
        }
    }
}
