import XCTest
@testable import Report

final class LiterateTests: XCTestCase {
    func testBlocksAreCutBetweenMarkersAndDedented() {
        let source = """
        struct S {
            func run() {
                // @literate begin setup
                let a = 1

                let b = 2
                // @literate end
                print(a)
            }
            // @literate begin tail
            let tail = 3
        """
        let blocks = LiterateSource.blocks(in: source)
        XCTAssertEqual(blocks.map(\.name), ["setup", "tail"])
        XCTAssertEqual(blocks[0].code, "let a = 1\n\nlet b = 2")
        XCTAssertEqual(blocks[0].firstLine, 4)
        XCTAssertEqual(blocks[1].code, "let tail = 3", "an unterminated block runs to the end of the file")
        XCTAssertEqual(blocks[1].firstLine, 11)
    }

    func testMissingFileGivesNil() {
        XCTAssertNil(LiterateSource.blocks(inFileAt: "/nonexistent/Stage.swift"))
    }

    func testHighlighterKeepsEveryCharacter() {
        let code = "let s = \"a<b\" // note & more\nfunc f(x: Double) -> Int { return 0x1F }\n@inline(__always) /* c */"
        let html = SwiftHighlighter.html(code)
        let stripped = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        XCTAssertEqual(stripped, code)
        XCTAssertTrue(html.hasPrefix("<span class=\"kw\">let</span> s = <span class=\"st\">&quot;a&lt;b&quot;</span> "
                                     + "<span class=\"cm\">// note &amp; more</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"ty\">Double</span>"))
        XCTAssertTrue(html.contains("<span class=\"at\">@inline</span>"))
    }

    /// The `[i/n] id done in …` lines (status lines: `ProgressEstimateTests`).
    func testDurationOfTheRunnersLines() {
        XCTAssertEqual(ProgressPrinter.formatDuration(185), "3m05s")
        XCTAssertEqual(ProgressPrinter.formatDuration(4.24), "4.2s")
    }
}
