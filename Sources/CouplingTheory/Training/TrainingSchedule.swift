import FlowCore

/// How the learning rate moves during a run and when the run ends.
///
/// The trainer consults the schedule at every trace point (`decision(after:plan:)`), so a schedule
/// driven by the validation trace — decay when it stops improving, stop when it has converged — is
/// written here once, as a new case, for every builder.
public enum TrainingSchedule: Codable, Sendable, Hashable {
    /// The rate is multiplied by `factor` after every 1/`parts` of the run's steps (PyTorch's StepLR
    /// with step size ⌊steps/parts⌋); the run takes all its steps.
    case stepDecay(factor: Double, parts: Int)

    /// A constant learning rate.
    public static let constant = TrainingSchedule.stepDecay(factor: 1, parts: 1)

    /// The fixed decays as FlowCore's per-step schedule, for a run of `steps` steps.
    public func stepDecay(steps: Int) -> StepDecay {
        switch self {
        case let .stepDecay(factor, parts): return StepDecay(gamma: factor, every: max(1, steps / max(parts, 1)))
        }
    }

    /// What the run does after a trace point, given the trace so far.
    public func decision(after trace: [TracePoint], plan: TrainingPlan) -> TrainingObserver.Decision {
        switch self {
        case .stepDecay: return .proceed   // every decay is fixed in advance
        }
    }

    /// The decay factor of a step-decay schedule.
    public var decayFactor: Double {
        switch self { case let .stepDecay(factor, _): return factor }
    }

    /// Into how many equal parts a step-decay schedule cuts a run (one decay after each but the last).
    public var parts: Int {
        switch self { case let .stepDecay(_, parts): return parts }
    }

    func validate() throws {
        switch self {
        case let .stepDecay(factor, parts):
            guard factor.isFinite, factor > 0 else {
                throw TheoryError.invalidArgument(name: "decay factor", value: "\(factor)", reason: "must be finite and > 0")
            }
            guard parts >= 1 else { throw TheoryError.invalidArgument(name: "decay parts", value: "\(parts)", reason: "must be ≥ 1") }
        }
    }
}
