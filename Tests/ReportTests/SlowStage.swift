import Foundation
import Report

/// A stage that can block after writing part of its figure, to be killed mid-run.
struct SlowStage: Stage {
    struct Config: Codable, Sendable { var block = false }
    let id = "slow"
    let title = "Slow stage"
    let figureNames = ["slow-plot"]
    let seed: UInt64 = 9
    let sourceFile = #filePath
    var block = false
    /// Created once the stage has written its partial figure and is about to hang.
    var marker: URL?

    func config(for profile: Profile) -> Config { Config(block: block) }

    func run(config: Config, context: StageContext) throws -> StageOutput {
        let figure = context.figureURL("slow-plot", format: .svg)
        if config.block {
            try Data("<svg partial".utf8).write(to: figure)
            if let marker { try Data().write(to: marker) }
            Thread.sleep(forTimeInterval: 120)
        }
        try Data("<svg>v1</svg>".utf8).write(to: figure)
        return StageOutput(metrics: ["v": 1], markdown: "Version \(config.block ? 2 : 1).")
    }
}
