/// Convenience builders: one call per chart kind, matplotlib-style.
extension Axes {
    /// A line through (x, y); colour defaults to the next tab10 colour.
    public mutating func line(x: [Double], y: [Double], color: Color? = nil, width: Double = 1.5,
                              dash: LineDash = .solid, marker: MarkerShape? = nil, markerSize: Double = 6,
                              label: String? = nil) {
        let c = nextColor(color)
        add(LineSeries(xs: x, ys: y, color: c, width: width, dash: dash,
                       marker: marker.map { Marker($0, size: markerSize, fill: c) }, label: label))
    }

    /// Markers at (x, y) with size (diameter, points) and alpha.
    public mutating func scatter(x: [Double], y: [Double], color: Color? = nil, size: Double = 5,
                                 alpha: Double = 1, shape: MarkerShape = .circle, edge: Color? = nil,
                                 label: String? = nil) {
        let c = nextColor(color).withAlpha(alpha)
        add(ScatterSeries(xs: x, ys: y, marker: Marker(shape, size: size, fill: c, edge: edge, edgeWidth: 0.8),
                          label: label))
    }

    /// The band lower ≤ y ≤ upper over x, translucent (alpha 0.25 by default).
    public mutating func band(x: [Double], lower: [Double], upper: [Double], color: Color? = nil,
                              alpha: Double = 0.25, label: String? = nil) {
        add(BandSeries(xs: x, lower: lower, upper: upper, color: nextColor(color).withAlpha(alpha), label: label))
    }

    /// A horizontal reference line at y.
    public mutating func horizontalLine(y: Double, color: Color = .black, width: Double = 1,
                                        dash: LineDash = .dashed, label: String? = nil) {
        add(ReferenceLine(.horizontal(y: y), style: StrokeStyle(color: color, width: width,
                                                                 dash: dash.pattern(width: width)), label: label))
    }

    /// A vertical reference line at x.
    public mutating func verticalLine(x: Double, color: Color = .black, width: Double = 1,
                                      dash: LineDash = .dashed, label: String? = nil) {
        add(ReferenceLine(.vertical(x: x), style: StrokeStyle(color: color, width: width,
                                                               dash: dash.pattern(width: width)), label: label))
    }

    /// A heatmap of the grid (origin at the bottom), coloured over [vmin, vmax] (default: the data
    /// range); a colorbar is added beside the axes unless `showColorbar` is false. `extent` places
    /// the image edges (default: pixels centred on the grid nodes).
    public mutating func heatmap(_ grid: Grid2D, colormap: Colormap = .viridis, vmin: Double? = nil,
                                 vmax: Double? = nil, extent: DataRect? = nil, smooth: Bool = false,
                                 colorbarLabel: String? = nil, showColorbar: Bool = true) {
        let h = HeatmapSeries(grid: grid, colormap: colormap, vmin: vmin, vmax: vmax, extent: extent, smooth: smooth)
        add(h)
        if showColorbar { colorbar = ColorbarSpec(colormap: colormap, vmin: h.vmin, vmax: h.vmax, label: colorbarLabel) }
    }

    /// Contour lines at `levels` (or about `count` automatic levels); also marked on an existing colorbar.
    @discardableResult
    public mutating func contour(_ grid: Grid2D, levels: [Double]? = nil, count: Int = 8,
                                 color: Color = .white, width: Double = 0.8, dash: LineDash = .solid,
                                 label: String? = nil) -> [ContourLine] {
        let c = ContourSeries(grid: grid, levels: levels, automaticCount: count, coloring: .single(color),
                              width: width, dash: dash, label: label)
        add(c)
        colorbar?.lineLevels = c.levels
        return c.lines
    }

    /// Filled contours with a banded colorbar.
    public mutating func filledContour(_ grid: Grid2D, levels: [Double]? = nil, count: Int = 8,
                                       colormap: Colormap = .viridis, colorbarLabel: String? = nil) {
        let f = FilledContourSeries(grid: grid, levels: levels, automaticCount: count, colormap: colormap)
        add(f)
        if let lo = f.levels.first, let hi = f.levels.last {
            colorbar = ColorbarSpec(colormap: colormap, vmin: lo, vmax: hi, label: colorbarLabel, boundaries: f.levels)
        }
    }

    /// Text at a data point.
    public mutating func text(_ s: String, x: Double, y: Double, fontSize: Double = 10, color: Color = .black,
                              horizontal: HorizontalAnchor = .left, vertical: VerticalAnchor = .baseline) {
        add(TextAnnotation(s, at: DataPoint(x, y), fontSize: fontSize, color: color,
                           horizontal: horizontal, vertical: vertical))
    }
}
