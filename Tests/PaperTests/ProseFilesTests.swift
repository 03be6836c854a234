import Foundation
import XCTest
@testable import Paper
@testable import Report

/// Every example's prose file, without running the stage: it parses, holds exactly the alternatives
/// its code can choose, follows the section skeleton, places exactly the stage's figures, and every
/// literate placeholder resolves. (Rendering with the run's values — unknown or unused names fail the
/// stage — is covered by FullReportTests, which runs every stage in the fast profile.)
final class ProseFilesTests: XCTestCase {
    func testEveryExampleHasSkeletonProseWithItsFiguresAndCode() throws {
        for stage in StageCatalog.stages() {
            let folder = ExampleFolder(stage.sourceFile)
            let choices = (type(of: stage) as? any ProseChoosing.Type)?.proseChoices ?? []
            let template = try ProseDocument.load(folder.prosePath, choices: choices).main
            XCTAssertFalse(try template.names().isEmpty, "\(stage.id): prose puts in no run value")
            XCTAssertNotNil(try SectionSkeleton.parts(of: template.text, file: folder.prosePath), "\(stage.id): no skeleton")
            let placed = template.text.components(separatedBy: "](figures/").dropFirst().map { $0.prefix { $0 != "." } }.map(String.init)
            XCTAssertEqual(Set(placed), Set(stage.figureNames), "\(stage.id): figures placed in prose.md vs declared")
            let result = StageResult(id: stage.id, title: stage.title, status: .ok, seconds: 0, cached: false, seed: stage.seed,
                                     output: StageOutput(markdown: template.text), figures: [], configJSON: Data(), error: nil,
                                     warnings: [], sourceFile: stage.sourceFile)
            for block in StageSection(result: result, figurePrefix: "figures/").blocks() {
                if case .note(let note) = block { XCTFail("\(stage.id): \(note)") }
            }
            let file = try String(contentsOfFile: folder.prosePath, encoding: .utf8)
            XCTAssertFalse(file.contains(#"\\"#), "\(stage.id): doubled backslash in prose.md")
        }
    }

    /// The shared pieces with alternatives hold exactly the ones their code can choose.
    func testSharedPiecesHoldTheirCodesAlternatives() throws {
        XCTAssertFalse(try CheckFindings.document().alternativeNames.isEmpty)
        XCTAssertFalse(try WFindings.document().alternativeNames.isEmpty)
        XCTAssertFalse(try SingleCouplingProse.document().alternativeNames.isEmpty)
        XCTAssertFalse(try DeepFindings.document().alternativeNames.isEmpty)
        XCTAssertFalse(try DeepProse.deviationsDocument().alternativeNames.isEmpty)
    }

    /// Every Markdown file of the report (the examples' prose and the shared pieces, alternatives
    /// included) breaks its lines at sentence ends, so that a diff shows the sentence that changed.
    func testProseFilesHaveOneSentencePerLine() throws {
        let paper = URL(fileURLWithPath: ExampleFolder.commonPath).deletingLastPathComponent()
        let files = FileManager.default.enumerator(atPath: paper.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertTrue(files.contains("Common/DeepSuite/fairness.md"), "\(files)")
        XCTAssertTrue(files.contains("Examples/Ex7-ToySuite/prose.md"), "\(files)")
        for file in files {
            let text = try String(contentsOf: paper.appendingPathComponent(file), encoding: .utf8)
            for runOn in SentenceLines.runOns(in: text) {
                XCTFail("Sources/Paper/\(file):\(runOn.line): a new sentence on the same line: \(runOn.rest.prefix(60))")
            }
        }
    }

    /// The detector itself: sentence ends, and what is not one.
    func testSentenceLinesFindsRunOnSentences() {
        XCTAssertEqual(SentenceLines.runOns(in: "One. Two.\nThree.").map(\.line), [1])
        XCTAssertEqual(SentenceLines.runOns(in: "**Methods.** *LW* adds.").map(\.rest), ["*LW* adds."])
        XCTAssertEqual(SentenceLines.runOns(in: "at depth 1). \"reached\" is").count, 0, "a quote before lower case")
        for fine in ["See e.g. Fig. 2 and Eq. 7 here.", "A value $x. Y$ in math.", "Code `a. B` here.", "1. Item", "Ends.",
                     "| a. B |", "x = 0.785 nats, E. Coli", "$$\na. B\n$$"] {
            XCTAssertEqual(SentenceLines.runOns(in: fine).count, 0, fine)
        }
    }

    func testCacheKeysFollowTheLayout() {
        for stage in StageCatalog.stages() {
            let folder = ExampleFolder.relative(URL(fileURLWithPath: stage.sourceFile).deletingLastPathComponent().path)
            XCTAssertTrue(folder.hasPrefix("Sources/Paper/Examples/"), folder)
            // Own folder, Common's top-level files, the Common parts the stage uses, then the libraries.
            let deps = stage.sourceDependencies
            XCTAssertEqual(deps.first, folder)
            XCTAssertEqual(Array(deps.suffix(ExampleFolder.libraries.count)), ExampleFolder.libraries, stage.id)
            XCTAssertTrue(deps.contains("Sources/Paper/Common/ExampleFolder.swift"), stage.id)
            XCTAssertFalse(deps.contains("Sources/Paper/Common"), "\(stage.id): all of Common would rerun every stage on any edit")
            let parts = Set(deps.filter { $0.hasPrefix("Sources/Paper/Common/") && !$0.hasSuffix(".swift") && !$0.hasSuffix(".md") })
            let expected: Set<String> = ["ex6", "ex7", "ex9"].contains(stage.id) ? ["Sources/Paper/Common/DeepSuite"]
                : stage.id == "ex8" ? ["Sources/Paper/Common/DeepSuite", "Sources/Paper/Common/SingleCoupling"]
                : stage.id == "ex4" ? [] : ["ex1", "ex2", "ex3"].contains(stage.id)
                ? ["Sources/Paper/Common/SingleCoupling", "Sources/Paper/Common/WDensities"] : ["Sources/Paper/Common/SingleCoupling"]
            XCTAssertEqual(parts, expected, stage.id)
        }
        // Cached jobs run library code only, and are keyed on the library modules that hold it: never on
        // Paper's prose, figures or checks.
        for stage in StageCatalog.stages() where !stage.jobSourceDependencies.isEmpty {
            XCTAssertEqual(stage.jobSourceDependencies, ExampleFolder.computeLibraries, stage.id)
        }
        for path in ExampleFolder.computeLibraries {
            XCTAssertTrue(FileManager.default.fileExists(atPath: CacheKeyer.packageRoot(above: #filePath).appendingPathComponent(path).path), path)
        }
    }
}
