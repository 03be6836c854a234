import Report

/// The deep suite's sizes that `couplinglab report --set` may change, declared once for ex6 and ex7 over
/// the path to their `DeepRunConfig`. The step parameters point at the fields that fix each training
/// run's Adam steps; they are the only lines to change if those fields are renamed or become caps.
enum DeepRunParameters {
    /// Steps a training run may be set to: at least one step per validation trace point.
    static let steps = 16...1_000_000

    /// `seeds` and the step parameters named in `stepKeys` (of `stepsPerLayer`, `progressiveSteps`, `endToEndSteps`).
    static func sizes<Config>(_ run: WritableKeyPath<Config, DeepRunConfig>, seeds: ClosedRange<Int>,
                              stepKeys: [String]) -> [StageParameter<Config>] {
        let stepFields: [(String, WritableKeyPath<DeepRunConfig, Int>)] = [
            ("stepsPerLayer", \.stepsPerLayer), ("progressiveSteps", \.progressiveSteps), ("endToEndSteps", \.endToEndSteps),
        ]
        return [.integer("seeds", run.appending(path: \.seeds), in: seeds)]
            + stepFields.filter { stepKeys.contains($0.0) }.map { .integer($0.0, run.appending(path: $0.1), in: steps) }
    }

    /// `depth`: the number of blocks L. End-to-end flows keep the depths below L they were trained at and
    /// add L (every check and figure needs the final depth); `alsoTrim` trims the stage's own depth lists.
    static func depth<Config>(_ run: WritableKeyPath<Config, DeepRunConfig>, in range: ClosedRange<Int>,
                              alsoTrim lists: [WritableKeyPath<Config, [Int]>] = []) -> StageParameter<Config> {
        StageParameter("depth", .integer(range)) { config, value in
            guard case .integer(let depth) = value else { return }
            config[keyPath: run].depth = depth
            config[keyPath: run].endToEndDepths = upTo(depth, config[keyPath: run].endToEndDepths)
            for list in lists { config[keyPath: list] = upTo(depth, config[keyPath: list]) }
        }
    }

    /// The depths of `list` below `depth`, then `depth`.
    static func upTo(_ depth: Int, _ list: [Int]) -> [Int] { list.filter { $0 < depth } + [depth] }
}
