import XCTest
@testable import Report

/// Damaged cache files are misses with one warning line, and never reach `figures/`.
final class CacheCorruptionTests: XCTestCase {
    enum Damage: String, CaseIterable { case truncate, flipByte, delete }

    var root: URL!
    let log = RunLog()

    override func setUpWithError() throws { root = try makeTemporaryRoot() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func stages(throwX: Bool = false) -> [any Stage] {
        [ArtifactStage(id: "x", shouldThrow: throwX, log: log), DemoStage(id: "a", seed: 1, log: log)]
    }

    func run(_ stages: [any Stage], sink: LineSink = LineSink(), force: Bool = false) throws -> ReportDocument {
        try makeRunner(stages, root: root, sink: sink).runReport(options: RunOptions(profile: .fast, force: force))
    }

    var entryFolder: URL {
        get throws {
            let folder = root.appendingPathComponent(".couplinglab-cache/x")
            let keys = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
            XCTAssertEqual(keys.count, 1)
            return folder.appendingPathComponent(try XCTUnwrap(keys.first))
        }
    }

    func damage(_ url: URL, _ damage: Damage) throws {
        let data = try Data(contentsOf: url)
        switch damage {
        case .truncate: try data.prefix(data.count / 2).write(to: url)
        case .flipByte:
            var bytes = [UInt8](data)
            bytes[bytes.count / 2] ^= 0x01
            try Data(bytes).write(to: url)
        case .delete: try FileManager.default.removeItem(at: url)
        }
    }

    func figureBytes() throws -> [Data] {
        try ["x-fig.png", "x-fig.svg"].map { try Data(contentsOf: root.appendingPathComponent("figures/\($0)")) }
    }

    /// The problem text expected in the warning for each file and damage.
    func expectedProblem(file: String, damage: Damage) -> String {
        switch (file, damage) {
        case (_, .delete): return "\(file): is missing"
        case ("entry.json", .truncate): return "entry.json: not a checksummed cache entry"
        case ("entry.json", .flipByte): return "entry.json: SHA-256 of its contents differs"
        case (_, .truncate): return "\(file): has \(file.hasSuffix(".png") ? 2052 : 42) bytes, entry.json records"
        case (_, .flipByte): return "\(file): SHA-256 differs from entry.json's (damaged)"
        }
    }

    func testEveryDamageOfEveryArtifactKindWarnsRecomputesAndPublishesCleanBytes() throws {
        for file in ["x-fig.png", "x-fig.svg", "entry.json"] {
            for kind in Damage.allCases {
                try? FileManager.default.removeItem(at: root)
                log.reset()
                _ = try run(stages())
                let clean = try figureBytes()
                XCTAssertEqual(clean, [ArtifactStage.png(version: 1), Data(ArtifactStage.svg(version: 1).utf8)])
                try damage(try entryFolder.appendingPathComponent(file), kind)

                let sink = LineSink()
                let document = try run(stages(), sink: sink)
                let warnings = sink.text.split(separator: "\n").filter { $0.hasPrefix("warning:") }
                XCTAssertEqual(warnings.count, 1, "\(file) \(kind): \(sink.text)")
                let expected = "warning: cache entry of x is damaged: \(expectedProblem(file: file, damage: kind))"
                XCTAssertTrue(warnings.first?.hasPrefix(expected) == true, "\(file) \(kind): \(warnings) lacks \(expected)")
                XCTAssertTrue(warnings.first?.hasSuffix("; recomputing x") == true, "\(warnings)")
                XCTAssertEqual(log.count("x"), 2, "\(file) \(kind): recomputed")
                XCTAssertEqual(log.count("a"), 1, "the intact stage stays cached")
                XCTAssertEqual(document.results.map(\.cached), [false, true])
                XCTAssertEqual(try figureBytes(), clean, "\(file) \(kind): byte-identical to a clean run")

                let quiet = LineSink()
                _ = try run(stages(), sink: quiet)
                XCTAssertFalse(quiet.text.contains("warning"), "the recomputed entry verifies: \(quiet.text)")
                XCTAssertEqual(log.count("x"), 2)
            }
        }
    }

    /// The issue's case: a truncated cached PNG is never copied, even when recomputing fails.
    func testDamagedFigureIsNotPublishedWhenTheRecomputeFails() throws {
        _ = try run(stages())
        let clean = try figureBytes()
        try damage(try entryFolder.appendingPathComponent("x-fig.png"), .truncate)
        try FileManager.default.removeItem(at: root.appendingPathComponent("figures/x-fig.png"))
        let sink = LineSink()
        let document = try run(stages(throwX: true), sink: sink)
        XCTAssertTrue(sink.text.contains("warning: cache entry of x is damaged: x-fig.png: has 2052 bytes"), sink.text)
        XCTAssertEqual(document.results.first?.status, .failed)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("figures/x-fig.png").path))
        XCTAssertEqual(try Data(contentsOf: root.appendingPathComponent("figures/x-fig.svg")), clean[1])
    }

    /// A figure damaged in `figures/` (not in the cache) is rewritten from the verified entry.
    func testDamagedPublishedFigureIsRestoredFromTheVerifiedEntry() throws {
        _ = try run(stages())
        let clean = try figureBytes()
        try damage(root.appendingPathComponent("figures/x-fig.png"), .flipByte)
        _ = try run(stages())
        XCTAssertEqual(log.count("x"), 1)
        XCTAssertEqual(try figureBytes(), clean)
    }

    func testDamagedJobFileWarnsAndIsRecomputed() throws {
        let jobs: [any Stage] = [JobStage(log: log)]
        _ = try makeRunner(jobs, root: root).runReport(options: RunOptions(profile: .fast))
        XCTAssertEqual(log.count("job"), 3)
        let folder = root.appendingPathComponent(".couplinglab-cache/jobs/jobstage")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".job") }.sorted()
        XCTAssertEqual(files.count, 3)
        try damage(folder.appendingPathComponent(files[0]), .flipByte)
        try damage(folder.appendingPathComponent(files[1]), .truncate)

        let verification = try makeRunner(jobs, root: root).verifyCache()
        XCTAssertEqual(verification.problems, ["jobs/jobstage/\(files[0]): SHA-256 mismatch (damaged)",
                                               "jobs/jobstage/\(files[1]): no valid header"].sorted())
        XCTAssertEqual([verification.jobsOK, verification.jobsDamaged, verification.entriesOK], [1, 2, 1])

        let sink = LineSink()
        let document = try makeRunner(jobs, root: root, sink: sink).runReport(options: RunOptions(profile: .fast, force: true))
        XCTAssertEqual(log.count("job"), 5, "the two damaged jobs are recomputed, the intact one is not")
        XCTAssertTrue(sink.text.contains("warning: job cache \(files[0]) of jobstage: SHA-256 mismatch (damaged); recomputing it"),
                      sink.text)
        XCTAssertEqual(document.results.first?.output.metrics["total"], .number(5))
        XCTAssertTrue(try makeRunner(jobs, root: root).verifyCache().isClean)
    }
}
