import FlowCore

/// The outcome of one training, as stored in the job cache.
public struct DeepRun: Codable, Sendable {
    /// Held-out ML loss (DESIGN.md convention, log 2π dropped) per depth 1…L; one entry for end-to-end.
    public var heldOutLoss: [Double]
    /// ML loss of the final flow on the validation samples.
    public var validationLoss: Double
    /// The validation trace of every training run: one per added block (iterative), one for end-to-end.
    public var traces: [[TracePoint]]
    /// The trained flow when the job keeps it (`DeepJob.keepsFlow`), else nil.
    public var flow: Flow?
    /// Δ̂ of each chosen OAS rotation (nil for random rotations).
    public var chosenDeltas: [Double?]
}

/// A job's result: its run, or nil when the training diverged (a too-large learning rate).
public struct DeepJobOutcome: Codable, Sendable {
    public var run: DeepRun?
}

extension DeepJob {
    /// Trains the job on `problem` (which must be the one it names); a divergence is an outcome.
    public func run(on problem: DeepProblem) throws -> DeepJobOutcome {
        guard problem.id == self.problem, problem.index == problemIndex, problem.testSet.rows == heldOutCount,
              problem.validationSet.rows == validationCount else {
            throw TheoryError.invalidArgument(name: "problem", value: "\(problem.id) #\(problem.index)",
                                              reason: "job \(self.problem) #\(problemIndex) needs \(heldOutCount) test and \(validationCount) validation samples")
        }
        var rng = generator()
        let source = DensitySource(density: problem.density)
        let result: ConstructionResult
        do {
            if let mode = method.mode {
                let fitter = TrainedBlockFitter(architecture: architecture, training: training,
                                                scope: mode == .layerwise ? .layerwise(pool: layerwisePool) : .progressive)
                result = try LayerwiseConstruction.build(data: FreshSamples(source), depth: depth, rotation: rotation ?? .random,
                                                         fitter: fitter, heldOut: problem.testSet, entropy: nil,
                                                         validation: problem.validationSet, using: &rng)
            } else {
                result = try EndToEndConstruction.build(source: source, depth: depth, architecture: architecture, training: training,
                                                        heldOut: problem.testSet, entropy: nil, validation: problem.validationSet,
                                                        using: &rng)
            }
        } catch FlowCoreError.diverged {
            return DeepJobOutcome(run: nil)
        }
        let validation = try result.flow.mlLossFloat(problem.validationSet)
        guard validation.isFinite, result.records.allSatisfy({ $0.heldOutLoss.isFinite }) else { return DeepJobOutcome(run: nil) }
        return DeepJobOutcome(run: DeepRun(heldOutLoss: result.records.map(\.heldOutLoss), validationLoss: validation,
                                           traces: result.records.map(\.validationTrace), flow: keepsFlow ? result.flow : nil,
                                           chosenDeltas: result.records.map(\.chosenDelta)))
    }
}
