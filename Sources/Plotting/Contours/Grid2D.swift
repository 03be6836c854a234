/// A point in data coordinates.
public struct DataPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// Values on a regular rectilinear grid of nodes, the input of heatmaps and contours.
///
/// Node (i, j) sits at x_i = xMin + i·(xMax − xMin)/(nx − 1), y_j = yMin + j·(yMax − yMin)/(ny − 1);
/// `values[j * nx + i]` holds its value, so row j = 0 is the bottom (y = yMin).
public struct Grid2D: Equatable, Sendable {
    public let nx: Int
    public let ny: Int
    public let xRange: ClosedRange<Double>
    public let yRange: ClosedRange<Double>
    public var values: [Double]

    public init(nx: Int, ny: Int, x: ClosedRange<Double>, y: ClosedRange<Double>, values: [Double]) throws {
        guard nx >= 2, ny >= 2 else { throw PlotError.gridTooSmall(nx: nx, ny: ny) }
        guard values.count == nx * ny else { throw PlotError.gridSizeMismatch(expected: nx * ny, got: values.count) }
        guard x.lowerBound < x.upperBound, x.lowerBound.isFinite, x.upperBound.isFinite else {
            throw PlotError.invalidRange("grid x \(x)")
        }
        guard y.lowerBound < y.upperBound, y.lowerBound.isFinite, y.upperBound.isFinite else {
            throw PlotError.invalidRange("grid y \(y)")
        }
        self.nx = nx; self.ny = ny; self.xRange = x; self.yRange = y; self.values = values
    }

    /// Samples `f(x, y)` at every node.
    public init(nx: Int, ny: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
                _ f: (Double, Double) -> Double) throws {
        guard nx >= 2, ny >= 2 else { throw PlotError.gridTooSmall(nx: nx, ny: ny) }
        var v = [Double](repeating: 0, count: nx * ny)
        let dx = (x.upperBound - x.lowerBound) / Double(nx - 1)
        let dy = (y.upperBound - y.lowerBound) / Double(ny - 1)
        for j in 0..<ny {
            for i in 0..<nx { v[j * nx + i] = f(x.lowerBound + Double(i) * dx, y.lowerBound + Double(j) * dy) }
        }
        try self.init(nx: nx, ny: ny, x: x, y: y, values: v)
    }

    public var dx: Double { (xRange.upperBound - xRange.lowerBound) / Double(nx - 1) }
    public var dy: Double { (yRange.upperBound - yRange.lowerBound) / Double(ny - 1) }
    @inline(__always) public func x(_ i: Int) -> Double { xRange.lowerBound + Double(i) * dx }
    @inline(__always) public func y(_ j: Int) -> Double { yRange.lowerBound + Double(j) * dy }
    @inline(__always) public subscript(i: Int, j: Int) -> Double { values[j * nx + i] }

    /// Smallest and largest finite value, or nil when none is finite.
    public var finiteRange: ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        return lo <= hi ? lo...hi : nil
    }
}
