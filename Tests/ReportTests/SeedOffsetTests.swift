import Foundation
import XCTest
@testable import Report

/// A stage that reports the seed it ran at and the seed another stage runs at in the same run.
private struct SeedEchoStage: Stage {
    struct Config: Codable, Sendable { var unused = 0 }
    let id = "echo"
    var title: String { "Seed echo" }
    var figureNames: [String] { [] }
    let seed: UInt64 = 5
    let sourceFile = #filePath
    let log: RunLog

    func config(for profile: Profile) -> Config { Config() }

    func run(config: Config, context: StageContext) throws -> StageOutput {
        log.record(id)
        let other = DemoStage(id: "other", seed: 9, log: log)
        return StageOutput(metrics: ["seed": .number(Double(context.seed)), "other": .number(Double(context.seed(of: other)))],
                           checks: [], markdown: "")
    }
}

/// `--seed-offset`: every stage and every stage it reads from move to seeds of their own, with cache entries of their own.
final class SeedOffsetTests: XCTestCase {
    var root: URL!
    let log = RunLog()

    override func setUpWithError() throws { root = try makeTemporaryRoot() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    private func run(offset: UInt64) throws -> StageResult {
        var runner = try makeRunner([SeedEchoStage(log: log)], root: root)
        runner.seedOffset = offset
        return try XCTUnwrap(runner.runReport(options: RunOptions(profile: .fast)).results.first)
    }

    func testOffsetMovesEverySeedByMultiplesOfTwoToThe32() throws {
        let base = try run(offset: 0), moved = try run(offset: 3)
        XCTAssertEqual(base.seed, 5)
        XCTAssertEqual(base.output.metrics["seed"], .number(5))
        XCTAssertEqual(base.output.metrics["other"], .number(9))
        XCTAssertEqual(moved.seed, 5 + 3 * 4_294_967_296)
        XCTAssertEqual(moved.output.metrics["seed"], .number(Double(5 + 3 * 4_294_967_296 as UInt64)))
        XCTAssertEqual(moved.output.metrics["other"], .number(Double(9 + 3 * 4_294_967_296 as UInt64)))
    }

    /// The cache keeps one entry per stage, so a run at another offset replaces it rather than reusing it.
    func testAnOffsetNeverReusesAnotherOffsetsEntry() throws {
        XCTAssertFalse(try run(offset: 0).cached)
        XCTAssertTrue(try run(offset: 0).cached)
        XCTAssertFalse(try run(offset: 1).cached, "offset 1 must not reuse offset 0's entry")
        XCTAssertTrue(try run(offset: 1).cached)
        XCTAssertFalse(try run(offset: 0).cached)
        XCTAssertEqual(log.count("echo"), 3)
    }
}
