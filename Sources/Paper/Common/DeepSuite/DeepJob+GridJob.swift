import CouplingTheory
import Report

/// A deep-flow training as a job of the stage's grid.
extension DeepJob: GridJob {
    public typealias Output = DeepJobOutcome

    public var kind: JobKind { JobKind(method: method.rawValue, depth: depth, steps: training.steps) }

    public var label: String {
        "\(problem) \(method.label) seed \(seedIndex)" + (method == .e2e ? " depth \(depth)" : "") + " lr \(learningRate)"
    }
}
