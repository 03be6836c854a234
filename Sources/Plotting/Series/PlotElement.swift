/// Everything an element needs to draw itself: the canvas, the data→device scales, the plot area.
public struct PlotContext {
    public let canvas: Canvas
    public let x: LinearScale
    public let y: LinearScale
    /// The axes' plot area in device coordinates.
    public let area: Rect
    public let style: PlotStyle

    public init(canvas: Canvas, x: LinearScale, y: LinearScale, area: Rect, style: PlotStyle) {
        self.canvas = canvas; self.x = x; self.y = y; self.area = area; self.style = style
    }

    /// Device point of a data point.
    @inline(__always)
    public func point(_ dx: Double, _ dy: Double) -> Point { Point(x.map(dx), y.map(dy)) }

    /// Device polyline of data points, split at non-finite values.
    public func path(xs: [Double], ys: [Double], closed: Bool = false) -> Path {
        var path = Path()
        var run: [Point] = []
        for (a, b) in zip(xs, ys) {
            if a.isFinite && b.isFinite { run.append(point(a, b)) } else {
                path.append(points: run, closed: false); run.removeAll()
            }
        }
        path.append(points: run, closed: closed)
        return path
    }
}

/// What a legend shows next to a label.
public enum LegendSymbol: Equatable, Sendable {
    /// A short line, optionally with a marker on it.
    case line(StrokeStyle, Marker?)
    /// A marker alone.
    case marker(Marker)
    /// A filled square (bands, filled regions).
    case patch(Color)
}

/// One legend row.
public struct LegendEntry: Equatable, Sendable {
    public var label: String
    public var symbol: LegendSymbol
    public init(label: String, symbol: LegendSymbol) { self.label = label; self.symbol = symbol }
}

/// Something drawn inside an axes in data coordinates.
public protocol PlotElement {
    /// The data extent for automatic limits, or nil if the element does not constrain them.
    var dataBounds: DataRect? { get }
    /// True when the limits should hug this element without a margin (images, contour grids).
    var tightLimits: Bool { get }
    /// The legend row, or nil for unlabeled elements.
    var legendEntry: LegendEntry? { get }
    /// Data points the element covers, to choose the least covered legend corner.
    var coverageSamples: [DataPoint] { get }
    /// Draws in device coordinates through the context's scales.
    func draw(in context: PlotContext)
}

extension PlotElement {
    public var tightLimits: Bool { false }
    public var legendEntry: LegendEntry? { nil }
    public var coverageSamples: [DataPoint] { [] }
}

/// Picks at most `limit` evenly spaced points out of paired arrays.
func thinned(xs: [Double], ys: [Double], limit: Int = 400) -> [DataPoint] {
    let n = min(xs.count, ys.count)
    guard n > 0 else { return [] }
    let stride = max(1, n / limit)
    return Swift.stride(from: 0, to: n, by: stride).compactMap { k in
        xs[k].isFinite && ys[k].isFinite ? DataPoint(xs[k], ys[k]) : nil
    }
}
