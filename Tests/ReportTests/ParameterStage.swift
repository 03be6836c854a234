import Foundation
import Report

/// A stage that declares parameters: `jobs` (how many job-cached `SquareJob`s its grid runs), `sizes`
/// and `shapes`.
struct ParameterStage: Stage {
    enum Shape: String, CaseIterable, Codable, Sendable { case circle, square, star }
    struct Config: Codable, Sendable {
        var jobs = 3
        var sizes = [1, 2]
        var shapes: [Shape] = [.circle]
    }

    let id = "param"
    let title = "Parameter stage"
    let figureNames: [String] = []
    let seed: UInt64 = 3
    let sourceFile = #filePath
    var jobSourceDependencies: [String] { [#filePath] }
    let work: WorkLog

    var parameters: [StageParameter<Config>] {
        [.integer("jobs", \.jobs, in: 1...10), .integers("sizes", \.sizes, each: 1...100, count: 1...3),
         .choices("shapes", \.shapes, count: 1...2)]
    }

    func config(for profile: Profile) -> Config { Config() }

    func run(config: Config, context: StageContext) throws -> StageOutput {
        let jobs = (1...config.jobs).map { SquareJob(x: $0) }
        let results = try JobGrid(context).run(jobs) { [work] job in
            work.ran(job.x)
            return job.x * job.x
        }
        let sum = try jobs.reduce(0) { $0 + (try results.output(of: $1)) }
        return StageOutput(metrics: ["sum": .number(Double(sum)), "sizes": .numbers(config.sizes.map(Double.init)),
                                     "shapes": .number(Double(config.shapes.count))],
                           markdown: "Shapes: \(config.shapes.map(\.rawValue).joined(separator: ", ")).")
    }
}
