import FlowCore

/// Records the validation loss of a flow while it trains, at `points` evenly spaced steps
/// (the last one after the final step), through `FlowTrainer`'s observer.
///
/// The loss is evaluated in Float (`Flow.mlLossFloat`) on a fixed validation set, so successive
/// points differ only by what training changed — the trace a convergence criterion reads.
final class ValidationTraceRecorder {
    let samples: Matrix
    let offset: Double
    private(set) var points: [TracePoint] = []

    init(samples: Matrix, offset: Double) { self.samples = samples; self.offset = offset }

    /// An observer for a run of `steps` steps, or nil when no trace is wanted (`points` = 0 or no samples).
    /// The recorded loss is the observed flow's ML loss on `samples` minus `offset` — for a block trained
    /// alone on pushed samples y = T(x), `offset` = mean log|det J_T(x)| of the frozen prefix T makes it
    /// the whole flow's loss on x.
    static func observer(samples: Matrix?, points: Int, steps: Int, offset: Double = 0) -> (ValidationTraceRecorder, TrainingObserver)? {
        guard let samples, points > 0, samples.rows > 0 else { return nil }
        let recorder = ValidationTraceRecorder(samples: samples, offset: offset)
        let every = max(1, steps / points)
        let observer = TrainingObserver(every: every) { step, flow in
            recorder.points.append(TracePoint(step: step, loss: try flow.mlLossFloat(recorder.samples) - recorder.offset))
        }
        return (recorder, observer)
    }
}
