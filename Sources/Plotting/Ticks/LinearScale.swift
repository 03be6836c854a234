/// Maps a data interval linearly onto a device interval (possibly reversed, as for y).
public struct LinearScale: Equatable, Sendable {
    public var domain: ClosedRange<Double>
    /// Device coordinate of `domain.lowerBound`.
    public var start: Double
    /// Device coordinate of `domain.upperBound`.
    public var end: Double

    public init(domain: ClosedRange<Double>, start: Double, end: Double) {
        self.domain = domain; self.start = start; self.end = end
    }

    /// Device coordinate of a data value.
    @inline(__always)
    public func map(_ v: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let t = span != 0 ? (v - domain.lowerBound) / span : 0.5
        return start + t * (end - start)
    }

    /// Device units per data unit (absolute).
    public var pointsPerUnit: Double {
        let span = domain.upperBound - domain.lowerBound
        return span != 0 ? abs(end - start) / span : 0
    }
}
