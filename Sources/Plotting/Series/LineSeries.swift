/// Dash patterns; lengths scale with the line width as in matplotlib (`lines.scale_dashes`).
public enum LineDash: Equatable, Sendable {
    case solid, dashed, dotted, dashDot
    /// On/off lengths in points, used as given.
    case custom([Double])

    /// The on/off pattern in points for a line of width `w`.
    public func pattern(width w: Double) -> [Double] {
        switch self {
        case .solid: return []
        case .dashed: return [3.7 * w, 1.6 * w]
        case .dotted: return [1 * w, 1.65 * w]
        case .dashDot: return [6.4 * w, 1.6 * w, 1 * w, 1.6 * w]
        case .custom(let p): return p
        }
    }
}

/// A polyline through (x, y) pairs, with optional markers at the vertices.
public struct LineSeries: PlotElement {
    public var xs: [Double]
    public var ys: [Double]
    public var color: Color
    public var width: Double
    public var dash: LineDash
    public var marker: Marker?
    public var label: String?

    public init(xs: [Double], ys: [Double], color: Color, width: Double = 1.5, dash: LineDash = .solid,
                marker: Marker? = nil, label: String? = nil) {
        self.xs = xs; self.ys = ys; self.color = color; self.width = width; self.dash = dash
        self.marker = marker; self.label = label
    }

    var stroke: StrokeStyle {
        StrokeStyle(color: color, width: width, dash: dash.pattern(width: width), roundCaps: dash == .dotted)
    }

    public var dataBounds: DataRect? { DataRect.bounding(xs: xs, ys: ys) }
    public var coverageSamples: [DataPoint] { thinned(xs: xs, ys: ys) }

    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, symbol: width > 0 ? .line(stroke, marker) : marker.map { .marker($0) } ?? .line(stroke, nil)) }
    }

    public func draw(in ctx: PlotContext) {
        if width > 0 { ctx.canvas.stroke(ctx.path(xs: xs, ys: ys), style: stroke) }
        guard let m = marker else { return }
        for (a, b) in zip(xs, ys) where a.isFinite && b.isFinite { m.draw(at: ctx.point(a, b), on: ctx.canvas) }
    }
}
