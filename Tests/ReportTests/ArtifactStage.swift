import Foundation
@testable import Report

/// A stage that writes one figure as PNG and SVG (bytes that depend on `version`), for the cache
/// fault tests. Between the two files it passes the checkpoint `stage:<id>`, where the kill test
/// stops it mid figure writing.
struct ArtifactStage: Stage {
    struct Config: Codable, Sendable { var version = 1 }
    let id: String
    var title: String { "Artifact stage \(id)" }
    var figureNames: [String] { ["\(id)-fig"] }
    let seed: UInt64 = 5
    let sourceFile = #filePath
    var version = 1
    var shouldThrow = false
    let log: RunLog

    func config(for profile: Profile) -> Config { Config(version: version) }

    func run(config: Config, context: StageContext) throws -> StageOutput {
        log.record(id)
        if shouldThrow { throw DemoFailure(stage: id) }
        try Self.png(version: config.version).write(to: context.figureURL("\(id)-fig", format: .png))
        FaultInjection.reach("stage:\(id)")
        try Data(Self.svg(version: config.version).utf8).write(to: context.figureURL("\(id)-fig", format: .svg))
        return StageOutput(metrics: ["version": .number(Double(config.version))],
                           markdown: "Artifact version \(config.version).\n\n" + Markdown.figure("\(id)-fig", caption: "Fig."))
    }

    /// A PNG signature followed by 4 KiB of bytes that depend on `version` (not a decodable image;
    /// the cache only cares about bytes).
    static func png(version: Int) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var state = UInt32(version) &* 2_654_435_761
        for _ in 0..<4096 {
            state = state &* 1_664_525 &+ 1_013_904_223
            bytes.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        return Data(bytes)
    }

    static func svg(version: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>v\(version)</text></svg>\n"
    }
}

/// A stage whose work is three cached jobs in its JobStore (as the training stages use it).
struct JobStage: Stage {
    struct Config: Codable, Sendable { var jobs = 3 }
    let id = "jobstage"
    let title = "Job stage"
    let figureNames: [String] = []
    let seed: UInt64 = 7
    let sourceFile = #filePath
    var jobSourceDependencies: [String] { [#filePath] }
    let log: RunLog

    func config(for profile: Profile) -> Config { Config() }

    func run(config: Config, context: StageContext) throws -> StageOutput {
        guard let jobs = context.jobs else { throw DemoFailure(stage: id) }
        var total = 0
        for i in 0..<config.jobs {
            let key = try jobs.key(for: ["job": i])
            if context.shard.map({ !$0.owns(key: key) }) == true { continue }
            if let value = jobs.load(Int.self, key: key) { total += value; continue }
            log.record("job")
            try jobs.store(i * i, key: key)
            total += i * i
        }
        return StageOutput(metrics: ["total": .number(Double(total))], markdown: "Jobs.")
    }
}
