import XCTest
@testable import Report

/// The prose template syntax: `{{name}}` only; TeX passes through; unknown names and stray `{{` are errors.
final class ProseTemplateTests: XCTestCase {
    func testReplacesNamesAndLeavesTeXAlone() throws {
        let t = ProseTemplate(text: #"$\frac{1}{2}}$ and $e^{s}$: {{loss}} nats, {{n.samples}} samples"#)
        XCTAssertEqual(try t.render(["loss": "0.1234", "n.samples": "4096"]), #"$\frac{1}{2}}$ and $e^{s}$: 0.1234 nats, 4096 samples"#)
        XCTAssertEqual(try t.names(), ["loss", "n.samples"])
    }

    func testUnknownNameIsAnErrorNotEmptyText() {
        let t = ProseTemplate(text: "line one\nthe loss is {{loss}}", path: "x.md")
        XCTAssertThrowsError(try t.render([:])) { error in
            XCTAssertEqual(error as? ProseError, .unknownName("loss", file: "x.md", line: 2))
        }
    }

    func testUnusedValuesAreReported() throws {
        let t = ProseTemplate(text: "{{a}}")
        XCTAssertEqual(try t.unusedNames(in: ["a": "1", "b": "2"]), ["b"])
    }

    func testDoubleBraceThatIsNoPlaceholderIsAnError() {
        XCTAssertThrowsError(try ProseTemplate(text: "$e^{{s} + 1}$").render([:]))
        XCTAssertThrowsError(try ProseTemplate(text: "open {{ without close").render([:]))
    }

    func testSkeletonPartsInOrder() throws {
        let body = SkeletonPart.allCases.map { "## \($0.rawValue)\n\ntext of \($0)" }.joined(separator: "\n\n")
        let parts = try XCTUnwrap(try SectionSkeleton.parts(of: body))
        XCTAssertEqual(parts.map(\.0), SkeletonPart.allCases)
        XCTAssertNil(try SectionSkeleton.parts(of: "Free prose.\n\n## Anything"))
        let missing = SkeletonPart.allCases.dropLast().map { "## \($0.rawValue)" }.joined(separator: "\n")
        XCTAssertThrowsError(try SectionSkeleton.parts(of: missing))
    }

    func testDeclarationFromAnotherFileTakesItsDocComment() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("decl-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: file) }
        try "struct A {\n    /// Doc.\n    @inlinable\n    func f(x: Int) -> Int {\n        if x > 0 { return 1 }\n        return 0\n    }\n    func g() {}\n}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let block = try XCTUnwrap(LiterateSource.declaration("func f(", inFileAt: file.path))
        XCTAssertEqual(block.code, "/// Doc.\n@inlinable\nfunc f(x: Int) -> Int {\n    if x > 0 { return 1 }\n    return 0\n}")
        XCTAssertEqual(block.firstLine, 2)
    }
}
