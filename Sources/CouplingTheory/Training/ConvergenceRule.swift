/// When a training run counts as converged: its loss improved by at most `tolerance` nats over the
/// last 1/`tail` of its steps.
///
/// On a validation trace the improvement is the loss at the first point at or after (tail − 1)/tail of
/// the run minus the loss at its last point. A per-step training-loss history is too noisy to read at
/// single steps, so it is read as a trace of window means first (`TracePoint.windowMeans`, windows of
/// ⌊n/tail⌋ steps): the improvement is then the mean of the window before the last minus the last's.
/// A trace with no point before its last one is too short to judge and does not count as converged.
public struct ConvergenceRule: Codable, Sendable, Hashable {
    public var tolerance: Double
    public var tail: Int

    public init(tolerance: Double, tail: Int) {
        self.tolerance = tolerance; self.tail = tail
    }

    /// Over the last quarter, to 0.01 nats: the last quarter of a run with decays at its quarters comes
    /// after the final decay.
    public static let lastQuarter = ConvergenceRule(tolerance: 0.01, tail: 4)

    /// The improvement over the tail of a trace, or nil when the trace is too short to have one.
    public func improvement(_ trace: [TracePoint]) -> Double? {
        guard let last = trace.last,
              let start = trace.firstIndex(where: { tail * $0.step >= (tail - 1) * last.step }),
              start < trace.count - 1 else { return nil }
        return trace[start].loss - last.loss
    }

    public func isConverged(_ trace: [TracePoint]) -> Bool {
        improvement(trace).map { $0 <= tolerance } ?? false
    }

    /// The rule on a per-step training-loss history (`history[i]` the loss of step i + 1).
    public func isConverged(history: [Double]) -> Bool {
        isConverged(TracePoint.windowMeans(of: history, window: max(1, history.count / max(tail, 1))))
    }

    func validate() throws {
        guard tolerance.isFinite, tolerance >= 0 else {
            throw TheoryError.invalidArgument(name: "convergence tolerance", value: "\(tolerance)", reason: "must be finite and ≥ 0")
        }
        guard tail >= 2 else {
            throw TheoryError.invalidArgument(name: "convergence tail", value: "\(tail)", reason: "must be ≥ 2 (a tail shorter than the run)")
        }
    }
}

extension TracePoint {
    /// Means of a per-step loss history over consecutive windows of `window` steps ending at its last
    /// step (incomplete windows at the start are left out), each at the step its window ends with.
    public static func windowMeans(of history: [Double], window: Int) -> [TracePoint] {
        let n = history.count, w = max(1, window)
        return stride(from: n, through: w, by: -w).reversed().map { end in
            let r = (end - w)..<end
            return TracePoint(step: end, loss: history[r].reduce(0, +) / Double(r.count))
        }
    }
}
