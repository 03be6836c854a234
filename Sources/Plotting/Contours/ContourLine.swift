/// One connected piece of a level set: a closed loop or an open strip ending on the grid border
/// (or next to missing values).
public struct ContourLine: Equatable, Sendable {
    public var level: Double
    public var points: [DataPoint]
    /// True when the last point joins back to the first.
    public var closed: Bool
    public init(level: Double, points: [DataPoint], closed: Bool) {
        self.level = level; self.points = points; self.closed = closed
    }
}

/// Automatic contour levels: nice tick values strictly inside the data range.
public enum ContourLevels {
    /// About `count` evenly spaced nice levels strictly inside `range` (matplotlib's default
    /// `MaxNLocator(count + 1)` applied to the value range, without the end points).
    public static func automatic(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        let ticks = TickLocator.ticks(lo: range.lowerBound, hi: range.upperBound, maxIntervals: max(1, count + 1))
        return ticks.filter { $0 > range.lowerBound && $0 < range.upperBound }
    }

    /// `count` + 1 nice band boundaries covering the whole range (for filled contours).
    public static func covering(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        let s = TickLocator.step(lo: range.lowerBound, hi: range.upperBound, maxIntervals: max(1, count))
        let first = (range.lowerBound / s).rounded(.down), last = (range.upperBound / s).rounded(.up)
        return stride(from: first, through: max(last, first + 1), by: 1).map { $0 * s }
    }
}
