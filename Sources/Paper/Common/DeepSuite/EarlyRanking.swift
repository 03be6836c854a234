import CouplingTheory

/// What a successive-halving search would rank learning rates by: the validation loss after the first
/// part of each run. The search itself trains every rate for its whole run and ranks by the final
/// loss; the report shows this early ranking beside it, so a reader sees whether a short first round
/// would have kept the same rate (cutting the search's cost) or a different one (changing the models).
enum EarlyRanking {
    /// The share of a run after which a first round of successive halving would rank the rates.
    static let fraction = 0.25

    /// The validation loss of a run after `fraction` of its steps: its traces laid end to end (one per
    /// trained block of an iterative build, each of `stepsPerTrace` steps; one for an end-to-end flow),
    /// the last point at or before that step. Nil when no point is that early.
    static func validationLoss(after fraction: Double, traces: [[TracePoint]], stepsPerTrace: Int) -> Double? {
        let cutoff = fraction * Double(traces.count * stepsPerTrace)
        var last: Double?
        for (i, trace) in traces.enumerated() {
            for p in trace where Double(i * stepsPerTrace + p.step) <= cutoff { last = p.loss }
        }
        return last
    }
}
