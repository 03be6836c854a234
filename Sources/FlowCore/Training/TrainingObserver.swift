/// A callback that sees the flow being trained every `every` steps (e.g. for a held-out loss trace),
/// and may steer the run from there: change the learning rate, or stop.
///
/// `FlowTrainer.train` keeps the parameters in its Float engine; only at observed steps does it copy
/// them back (as Doubles) into a `Flow` value and pass it here, so an absent observer costs nothing
/// per step. The observer is called after steps k·every (k = 1, 2, …) and after the last step, with
/// the number of completed steps; the flow it receives after the last step equals the returned flow.
/// Throwing from the observer stops training and propagates the error (the trained flow is not written).
public struct TrainingObserver {
    /// What the trainer does after an observation. A schedule driven by a validation trace decides here;
    /// a fixed schedule always proceeds.
    public enum Decision: Sendable, Equatable {
        /// Go on as scheduled.
        case proceed
        /// Multiply the learning rate of every later step by this factor (on top of the configured schedule).
        case scaleLearningRate(Double)
        /// End the run now: the flow as observed is the result.
        case stop
    }

    /// Observe after every this many completed steps (≥ 1).
    public var every: Int
    /// Called with the number of completed steps and the current flow.
    public var steer: (_ completedSteps: Int, _ flow: Flow) throws -> Decision

    /// An observer that watches only (every decision is `.proceed`).
    public init(every: Int, observe: @escaping (_ completedSteps: Int, _ flow: Flow) throws -> Void) {
        self.every = every
        steer = { step, flow in
            try observe(step, flow)
            return .proceed
        }
    }

    /// An observer that decides how the run goes on after each observation.
    public static func steering(every: Int, _ steer: @escaping (_ completedSteps: Int, _ flow: Flow) throws -> Decision)
        -> TrainingObserver {
        var observer = TrainingObserver(every: every) { _, _ in }
        observer.steer = steer
        return observer
    }

    /// Throws unless `every` ≥ 1.
    func validate() throws {
        guard every >= 1 else {
            throw FlowCoreError.invalidArgument(name: "observer.every", value: "\(every)", reason: "must be ≥ 1")
        }
    }

    /// Whether to observe after `completed` of `total` steps.
    func isDue(completed: Int, total: Int) -> Bool { completed % every == 0 || completed == total }
}
