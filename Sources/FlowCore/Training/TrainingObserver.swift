/// A callback that sees the flow being trained every `every` steps (e.g. for a held-out loss trace).
///
/// `FlowTrainer.train` keeps the parameters in its Float engine; only at observed steps does it copy
/// them back (as Doubles) into a `Flow` value and pass it here, so an absent observer costs nothing
/// per step. The observer is called after steps k·every (k = 1, 2, …) and after the last step, with
/// the number of completed steps; the flow it receives after the last step equals the returned flow.
/// Throwing from the observer stops training and propagates the error (the trained flow is not written).
public struct TrainingObserver {
    /// Observe after every this many completed steps (≥ 1).
    public var every: Int
    /// Called with the number of completed steps and the current flow.
    public var observe: (_ completedSteps: Int, _ flow: Flow) throws -> Void

    public init(every: Int, observe: @escaping (_ completedSteps: Int, _ flow: Flow) throws -> Void) {
        self.every = every
        self.observe = observe
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
