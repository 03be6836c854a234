import Foundation
import Report

/// Counts how often each demo stage actually ran (shared across the parallel workers).
final class RunLog: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [String: Int] = [:]

    func record(_ id: String) { lock.lock(); runs[id, default: 0] += 1; lock.unlock() }
    func count(_ id: String) -> Int { lock.lock(); defer { lock.unlock() }; return runs[id, default: 0] }
    func reset() { lock.lock(); runs = [:]; lock.unlock() }
}

/// A demo stage: writes one SVG figure, reports metrics and two checks (one failing on purpose
/// when `failCheck`), and can be made to throw.
struct DemoStage: Stage {
    struct Config: Codable, Sendable {
        var samples = 100
        var label = "demo"
    }

    let id: String
    var title: String { "Demo stage \(id)" }
    var figureNames: [String] { ["\(id)-plot"] }
    let seed: UInt64
    let sourceFile = #filePath
    var samples = 100
    var shouldThrow = false
    var failCheck = false
    let log: RunLog
    var dependencies: [String] = []
    var sourceDependencies: [String] { dependencies }

    func config(for profile: Profile) -> Config {
        Config(samples: profile == .paper ? samples * 10 : samples)
    }

    func run(config: Config, context: StageContext) throws -> StageOutput {
        log.record(id)
        // @literate begin compute
        let mean = Double(config.samples) / 2
        // @literate end
        context.progress(fraction: 0.5, message: "half way")
        if shouldThrow { throw DemoFailure(stage: id) }
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
        try Data(svg.utf8).write(to: context.figureURL("\(id)-plot", format: .svg))
        return StageOutput(
            metrics: ["mean": .number(mean), "curve": [1, 2, 3]],
            checks: [
                .within(id: "\(id).mean", claim: "mean is half the samples", measured: mean,
                        expected: Double(config.samples) / 2, tolerance: 1e-12),
                .atMost(id: "\(id).strict", claim: "a check that may fail", measured: failCheck ? 1 : 0, tolerance: 0.5),
            ],
            markdown: "Prose for **\(id)** with $\\sqrt{2}$.\n\n" + Markdown.figure("\(id)-plot", caption: "Plot of \(id).", format: .svg)
                + "\n\n" + Markdown.literate("compute"))
    }
}

struct DemoFailure: Error, CustomStringConvertible {
    let stage: String
    var description: String { "demo failure in \(stage)" }
}

/// A stage whose code is in a file that does not exist (as for a binary moved away from its sources).
struct SourcelessStage: Stage {
    struct Config: Codable, Sendable { var n = 1 }
    let id = "nosource"
    let title = "No source"
    let figureNames: [String] = []
    let seed: UInt64 = 1
    let sourceFile = "/nonexistent/NoSource.swift"

    func config(for profile: Profile) -> Config { Config() }
    func run(config: Config, context: StageContext) throws -> StageOutput {
        StageOutput(metrics: ["n": 1], markdown: "No code here.")
    }
}

/// A temporary output root, removed at the end of the test.
func makeTemporaryRoot() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A runner that collects printed lines instead of writing to a terminal.
final class LineSink: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var text = ""
    func write(_ s: String) { lock.lock(); text += s; lock.unlock() }
}

func makeRunner(_ stages: [any Stage], root: URL, sink: LineSink = LineSink()) throws -> StageRunner {
    try StageRunner(stages: stages, layout: OutputLayout(root: root),
                    printer: ProgressPrinter(isTerminal: false, write: { sink.write($0) }))
}
