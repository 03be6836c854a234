import Foundation

/// Chooses "nice" tick positions: multiples of 1, 2, 2.5 or 5 × 10^k.
///
/// Like matplotlib's `MaxNLocator(steps=[1, 2, 2.5, 5, 10])`: the smallest step whose multiples
/// cover [lo, hi] in at most `maxIntervals` intervals wins; ticks are the multiples inside [lo, hi].
/// The interval budget comes from the axis length and the label font size (`intervalBudget`).
public enum TickLocator {
    /// The mantissas tried in each decade, in increasing order.
    public static let mantissas: [Double] = [1, 2, 2.5, 5, 10]
    /// Relative slack so that a tick equal to a limit up to rounding is kept.
    static let edgeSlack = 1e-9

    /// About how many intervals fit on an axis: matplotlib uses 3 font sizes per x label and
    /// 2 per y label (labels are wider than tall); the result is clamped to [4, 9].
    public static func intervalBudget(axisLength: Double, fontSize: Double, horizontal: Bool) -> Int {
        let perTick = fontSize * (horizontal ? 3.0 : 2.0)
        guard perTick > 0, axisLength.isFinite else { return 4 }
        return min(9, max(4, Int((axisLength / perTick).rounded(.down))))
    }

    /// The step: smallest `m × 10^k` whose covering of [lo, hi] needs at most `maxIntervals` intervals.
    public static func step(lo: Double, hi: Double, maxIntervals: Int) -> Double {
        let span = hi - lo
        guard span > 0, span.isFinite else { return 1 }
        let budget = Double(max(1, maxIntervals))
        var exponent = (log10(span / budget)).rounded(.down) - 1
        while true {
            let decade = pow(10, exponent)
            for m in mantissas {
                let s = m * decade
                // The slack keeps a limit that is a multiple up to rounding from adding an interval.
                let first = (lo / s + edgeSlack * 1e3).rounded(.down)
                let last = (hi / s - edgeSlack * 1e3).rounded(.up)
                if last - first <= budget { return s }
            }
            exponent += 1
        }
    }

    /// Tick positions: the multiples of the chosen step that lie in [lo, hi].
    public static func ticks(lo: Double, hi: Double, maxIntervals: Int) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return lo.isFinite ? [lo] : [] }
        let s = step(lo: lo, hi: hi, maxIntervals: maxIntervals)
        let slack = (hi - lo) * edgeSlack
        let first = ((lo - slack) / s).rounded(.up)
        let last = ((hi + slack) / s).rounded(.down)
        guard last >= first else { return [] }
        // Multiply integers by the step (no accumulation), then snap tiny values to exact zero.
        return stride(from: first, through: last, by: 1).map { k in
            let v = k * s
            return abs(v) < s * 1e-9 ? 0 : v
        }
    }
}
