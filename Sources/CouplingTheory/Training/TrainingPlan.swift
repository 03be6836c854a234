import FlowCore

/// How one training run of a flow goes: the one training configuration of the builders (a layer-wise
/// block, a progressive iteration, an end-to-end flow, a single block fitted with a given rotation).
///
/// A run takes up to `steps` Adam steps on batches of `batchSize` rows at `learningRate`, moved by
/// `schedule`. With validation samples it records the validation loss at `tracePoints` evenly spaced
/// steps (the last after the final step); `schedule` is consulted at each of them, and `convergence`
/// judges the trace. `PlannedTraining` is where a plan runs.
public struct TrainingPlan: Codable, Sendable, Hashable {
    /// The number of Adam steps of the run (its budget).
    public var steps: Int
    public var batchSize: Int
    /// Adam's base learning rate (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no weight decay).
    public var learningRate: Double
    public var schedule: TrainingSchedule
    /// Points of the validation trace; 0 records none.
    public var tracePoints: Int
    public var convergence: ConvergenceRule

    public init(steps: Int, batchSize: Int, learningRate: Double, schedule: TrainingSchedule = .constant,
                tracePoints: Int = 0, convergence: ConvergenceRule = .lastQuarter) {
        self.steps = steps; self.batchSize = batchSize; self.learningRate = learningRate
        self.schedule = schedule; self.tracePoints = tracePoints; self.convergence = convergence
    }

    /// The same plan with another number of steps.
    public func with(steps: Int) -> TrainingPlan {
        var copy = self
        copy.steps = steps
        return copy
    }

    /// The same plan with batches of at most `rows` rows: a finite data set of `rows` rows cannot give more.
    public func batches(atMost rows: Int) -> TrainingPlan {
        var copy = self
        copy.batchSize = min(batchSize, rows)
        return copy
    }

    /// What `FlowTrainer` runs: the steps, batch, Adam and the schedule's fixed decays.
    public var trainerConfig: TrainingConfig {
        TrainingConfig(steps: steps, batchSize: batchSize, adam: AdamConfig(learningRate: learningRate),
                       schedule: schedule.stepDecay(steps: steps))
    }

    /// Steps between trace points.
    var traceInterval: Int { max(1, steps / max(tracePoints, 1)) }

    /// Throws on a plan that cannot run (the trainer checks steps, batch and learning rate).
    public func validate() throws {
        guard tracePoints >= 0 else {
            throw TheoryError.invalidArgument(name: "tracePoints", value: "\(tracePoints)", reason: "must be ≥ 0")
        }
        try schedule.validate()
        try convergence.validate()
        try trainerConfig.validate()
    }
}
