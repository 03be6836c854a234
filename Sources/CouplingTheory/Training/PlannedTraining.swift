import FlowCore

/// Samples a run is validated on: the trace records the flow's ML loss on `samples` minus `offset`.
///
/// For a block trained alone on pushed samples y = T(x), `samples` are the pushed validation samples
/// and `offset` = mean log|det J_T(x)| of the frozen prefix T, which makes the trace the whole flow's
/// loss on x.
public struct ValidationSamples: Sendable {
    public var samples: Matrix
    public var offset: Double

    public init(_ samples: Matrix, offset: Double = 0) {
        self.samples = samples
        self.offset = offset
    }
}

/// What a run produced besides the trained flow.
public struct TrainingOutcome: Sendable {
    /// The training loss of every step (before that step's update).
    public var trainingLoss: [Double]
    /// The validation trace (empty without validation samples or trace points).
    public var trace: [TracePoint]
}

/// Runs `FlowTrainer` under a `TrainingPlan`: the one place a plan becomes trainer settings, a
/// validation trace and the schedule's decisions at each trace point.
public enum PlannedTraining {
    /// Trains `flow` in place (only `trainableBlocks`, all by default) on batches from `source`.
    ///
    /// The trace is evaluated in Float (`Flow.mlLossFloat`) on fixed samples, so successive points differ
    /// only by what training changed. `onTracePoint` sees every point as it is recorded.
    public static func run<S: BatchSource>(
        _ flow: inout Flow, source: inout S, plan: TrainingPlan, trainableBlocks: Range<Int>? = nil,
        validation: ValidationSamples? = nil, onTracePoint: ((TracePoint) throws -> Void)? = nil,
        using rng: inout SeededGenerator
    ) throws -> TrainingOutcome {
        try plan.validate()
        guard let validation, plan.tracePoints > 0, validation.samples.rows > 0 else {
            let history = try FlowTrainer.train(&flow, source: &source, config: plan.trainerConfig,
                                                trainableBlocks: trainableBlocks, using: &rng)
            return TrainingOutcome(trainingLoss: history, trace: [])
        }
        let trace = TraceRecorder()
        let history = try withoutActuallyEscaping(onTracePoint ?? { _ in }) { onTracePoint in
            let observer = TrainingObserver.steering(every: plan.traceInterval) { step, current in
                let point = TracePoint(step: step, loss: try current.mlLossFloat(validation.samples) - validation.offset)
                trace.points.append(point)
                try onTracePoint(point)
                return plan.schedule.decision(after: trace.points, plan: plan)
            }
            return try FlowTrainer.train(&flow, source: &source, config: plan.trainerConfig,
                                         trainableBlocks: trainableBlocks, observer: observer, using: &rng)
        }
        return TrainingOutcome(trainingLoss: history, trace: trace.points)
    }
}

/// The trace under construction (the observer closure appends to it).
private final class TraceRecorder {
    var points: [TracePoint] = []
}
