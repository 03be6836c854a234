import XCTest
@testable import Report

final class MarkdownHTMLTests: XCTestCase {
    func testInlineEmphasisCodeLinksAndMath() {
        XCTAssertEqual(MarkdownInline.html("a **b** *c* `d<e` [f](g.html)"),
                       "a <strong>b</strong> <em>c</em> <code>d&lt;e</code> <a href=\"g.html\">f</a>")
        XCTAssertEqual(MarkdownInline.html("snake_case_name stays"), "snake_case_name stays")
        XCTAssertEqual(MarkdownInline.html("$x_i$ and $*$"),
                       "<math><msub><mi>x</mi><mi>i</mi></msub></math> and <math><mo>*</mo></math>")
        XCTAssertEqual(MarkdownInline.html("costs \\$5"), "costs $5")
    }

    func testBlocks() {
        let html = MarkdownHTML.convert("""
        ### A title

        First *line*
        second line.

        - one
        - two

        1. first
        2. second

        ```swift
        let x = 1
        ```
        """)
        XCTAssertEqual(html, """
        <h3 id="a-title">A title</h3>
        <p>First <em>line</em>
        second line.</p>
        <ul>
        <li>one</li>
        <li>two</li>
        </ul>
        <ol>
        <li>first</li>
        <li>second</li>
        </ol>
        <pre><code class="language-swift"><span class="kw">let</span> x = <span class="nu">1</span></code></pre>
        """)
    }

    func testTableWithAlignmentAndEscapedPipe() {
        let html = MarkdownHTML.convert("| a | b |\n| --- | ---: |\n| x\\|y | 2 |")
        XCTAssertEqual(html, "<table>\n<thead><tr><th>a</th><th class=\"num\">b</th></tr></thead>\n<tbody>\n"
                       + "<tr><td>x|y</td><td class=\"num\">2</td></tr>\n</tbody></table>")
    }

    func testFigureWithCaptionAndDisplayMath() {
        let html = MarkdownHTML.convert(Markdown.figure("fig4", caption: "Delta vs angle") + "\n\n$$a^2$$")
        XCTAssertEqual(html, "<figure><img src=\"figures/fig4.png\" alt=\"Delta vs angle\">"
                       + "<figcaption>Delta vs angle</figcaption></figure>\n"
                       + "<div class=\"equation\"><math display=\"block\"><msup><mi>a</mi><mn>2</mn></msup></math></div>")
    }

    func testImageAltMayHoldBalancedBrackets() {
        let html = MarkdownHTML.convert("![density on [-2, 2]²](figures/fig6.png)")
        XCTAssertEqual(html, "<figure><img src=\"figures/fig6.png\" alt=\"density on [-2, 2]²\"></figure>")
    }

    func testCommentsAreDropped() {
        XCTAssertEqual(MarkdownHTML.convert("<!-- hidden -->\ntext"), "<p>text</p>")
    }
}
