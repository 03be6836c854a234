import XCTest
@testable import Report

/// Exact MathML for the constructs the paper uses; expected strings written by hand from the
/// MathML Core spec (mfrac/msub/msup/munderover/msqrt, mathvariant="normal" for upright Greek).
final class MathMLTests: XCTestCase {
    func testFraction() {
        XCTAssertEqual(MathML.convert("\\frac{a}{b}"), "<math><mfrac><mi>a</mi><mi>b</mi></mfrac></math>")
        XCTAssertEqual(MathML.convert("\\frac{1}{2} x", display: true),
                       "<math display=\"block\"><mfrac><mn>1</mn><mn>2</mn></mfrac><mi>x</mi></math>")
        XCTAssertEqual(MathML.convert("\\frac12"), "<math><mfrac><mn>1</mn><mn>2</mn></mfrac></math>",
                       "an unbraced digit argument is one digit, as in TeX")
        XCTAssertEqual(MathML.convert("\\tfrac{1}{2}"),
                       "<math><mstyle displaystyle=\"false\"><mfrac><mn>1</mn><mn>2</mn></mfrac></mstyle></math>")
    }

    func testSubAndSuperscripts() {
        XCTAssertEqual(MathML.convert("x_i"), "<math><msub><mi>x</mi><mi>i</mi></msub></math>")
        XCTAssertEqual(MathML.convert("x^2"), "<math><msup><mi>x</mi><mn>2</mn></msup></math>")
        XCTAssertEqual(MathML.convert("x_i^{2}"), "<math><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup></math>")
        XCTAssertEqual(MathML.convert("e^{-x}"),
                       "<math><msup><mi>e</mi><mrow><mo>−</mo><mi>x</mi></mrow></msup></math>")
        XCTAssertEqual(MathML.convert("a'"), "<math><mrow><mi>a</mi><mo lspace=\"0em\" rspace=\"0em\">′</mo></mrow></math>")
    }

    func testGreek() {
        XCTAssertEqual(MathML.convert("\\alpha+\\Delta"),
                       "<math><mi>α</mi><mo>+</mo><mi mathvariant=\"normal\">Δ</mi></math>")
        XCTAssertEqual(MathML.convert("\\sigma\\theta"), "<math><mi>σ</mi><mi>θ</mi></math>")
    }

    func testSumWithLimits() {
        XCTAssertEqual(MathML.convert("\\sum_{i=1}^{n} x_i"),
                       "<math><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>"
                       + "<msub><mi>x</mi><mi>i</mi></msub></math>")
    }

    func testBlackboardCalligraphicBold() {
        XCTAssertEqual(MathML.convert("\\mathbb{E}"), "<math><mi>𝔼</mi></math>")
        XCTAssertEqual(MathML.convert("\\mathbb{R}^2"), "<math><msup><mi>ℝ</mi><mn>2</mn></msup></math>")
        XCTAssertEqual(MathML.convert("\\mathcal{N}"), "<math><mi>𝒩</mi></math>")
        XCTAssertEqual(MathML.convert("\\mathcal{L}"), "<math><mi>ℒ</mi></math>")
        XCTAssertEqual(MathML.convert("\\mathbf{x}"), "<math><mi>𝐱</mi></math>")
    }

    func testOdotAndRelations() {
        XCTAssertEqual(MathML.convert("a \\odot b"), "<math><mi>a</mi><mo>⊙</mo><mi>b</mi></math>")
        XCTAssertEqual(MathML.convert("p \\perp a"), "<math><mi>p</mi><mo>⊥</mo><mi>a</mi></math>")
        XCTAssertEqual(MathML.convert("x \\le y"), "<math><mi>x</mi><mo>≤</mo><mi>y</mi></math>")
        XCTAssertEqual(MathML.convert("a<b"), "<math><mi>a</mi><mo>&lt;</mo><mi>b</mi></math>")
    }

    func testSquareRoots() {
        XCTAssertEqual(MathML.convert("\\sqrt{2}"), "<math><msqrt><mn>2</mn></msqrt></math>")
        XCTAssertEqual(MathML.convert("\\sqrt{1-\\delta^2}"),
                       "<math><msqrt><mrow><mn>1</mn><mo>−</mo><msup><mi>δ</mi><mn>2</mn></msup></mrow></msqrt></math>")
        XCTAssertEqual(MathML.convert("\\sqrt[3]{x}"), "<math><mroot><mi>x</mi><mn>3</mn></mroot></math>")
    }

    func testFunctionsFencesTextAndSpaces() {
        XCTAssertEqual(MathML.convert("\\log x"), "<math><mi>log</mi><mo lspace=\"0em\" rspace=\"0.1667em\">\u{2061}</mo><mi>x</mi></math>")
        XCTAssertEqual(MathML.convert("\\left( x \\right)"),
                       "<math><mrow><mo fence=\"true\" stretchy=\"true\" form=\"prefix\">(</mo><mi>x</mi>"
                       + "<mo fence=\"true\" stretchy=\"true\" form=\"postfix\">)</mo></mrow></math>")
        XCTAssertEqual(MathML.convert("\\|x\\|"),
                       "<math><mo stretchy=\"false\">‖</mo><mi>x</mi><mo stretchy=\"false\">‖</mo></math>")
        XCTAssertEqual(MathML.convert("f(x)"),
                       "<math><mi>f</mi><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></math>")
        XCTAssertEqual(MathML.convert("\\text{if } x"), "<math><mtext>if </mtext><mi>x</mi></math>")
        XCTAssertEqual(MathML.convert("a\\quad b"), "<math><mi>a</mi><mspace width=\"1em\"/><mi>b</mi></math>")
        XCTAssertEqual(MathML.convert("\\infty"), "<math><mi>∞</mi></math>")
        XCTAssertEqual(MathML.convert("a \\cdot b"), "<math><mi>a</mi><mo>⋅</mo><mi>b</mi></math>")
    }

    func testUnknownCommandIsVisibleError() {
        XCTAssertEqual(MathML.convert("\\foo"), "<math><merror><mtext>\\foo</mtext></merror></math>")
    }
}

extension MathMLTests {
    func testSignAfterOpeningBracketIsPrefix() {
        XCTAssertEqual(MathML.convert("[-3, 3]"),
                       "<math><mo stretchy=\"false\">[</mo><mo form=\"prefix\">−</mo><mn>3</mn><mo>,</mo><mn>3</mn>"
                       + "<mo stretchy=\"false\">]</mo></math>")
        XCTAssertEqual(MathML.convert("a-b"), "<math><mi>a</mi><mo>−</mo><mi>b</mi></math>")
    }
}
