/// What an empirical claim check rests on: its estimand, the replicates it is measured over, the
/// interval and the margin region — and the verdict they give by the one decision rule:
///
/// - **pass** when the interval lies inside the margin region (and does not lie entirely below the floor);
/// - **fail** when it lies entirely outside the region, or entirely below the floor;
/// - **inconclusive** when it straddles a boundary of the region: more replicates would decide it.
///
/// No point null is tested: with infinitely many replicates the interval shrinks to the true value,
/// and the verdict is whether that value lies in the region fixed before the run.
public struct EmpiricalEvidence: Codable, Sendable, Equatable {
    /// The quantity estimated, in words ("mean over 5 training seeds of held-out loss − Theorem 1 minimum").
    public var estimand: String
    /// The replication unit ("training seeds").
    public var unit: String
    public var interval: ReplicateInterval
    public var margin: ClaimMargin

    public init(estimand: String, unit: String, interval: ReplicateInterval, margin: ClaimMargin) {
        self.estimand = estimand; self.unit = unit; self.interval = interval; self.margin = margin
    }

    public var status: CheckStatus { decision.status }

    /// The verdict and, when it is not a pass, why.
    public var decision: (status: CheckStatus, reason: String?) {
        let i = interval, m = margin
        if i.low.isNaN || i.high.isNaN { return (.inconclusive, "the estimate is undefined (NaN)") }
        if i.n < 2 || i.standardError.isInfinite && i.low == -.infinity {
            return (.inconclusive, "\(i.n) \(unit): too few for an interval")
        }
        if let f = m.floor, i.high < f {
            return (.fail, "the interval lies entirely below \(MarginNumber.text(f)), which the mathematics rules out")
        }
        if let h = m.high, i.low > h { return (.fail, "the interval lies entirely above the margin \(MarginNumber.text(h))") }
        if let l = m.low, i.high < l { return (.fail, "the interval lies entirely below the margin \(MarginNumber.text(l))") }
        let insideLow = m.low.map { i.low >= $0 } ?? true
        let insideHigh = m.high.map { i.high <= $0 } ?? true
        if insideLow && insideHigh { return (.pass, nil) }
        return (.inconclusive, "the interval straddles the margin: more \(unit) would decide it")
    }

    /// The tightest margin at which this interval would still pass, so that a reader with a stricter
    /// view can judge: for "≤ h" the interval's upper end; for "≥ l" its lower end (the largest
    /// smallest-effect-of-interest it clears); for a zone [−z, z] the larger of |low| and |high|.
    public var passingMargin: Double? {
        let i = interval
        guard i.low.isFinite || i.high.isFinite else { return nil }
        switch (margin.low, margin.high) {
        case (nil, _?): return i.high
        case (_?, nil): return i.low
        case (_?, _?): return max(abs(i.low), abs(i.high))
        case (nil, nil): return nil
        }
    }
}
