/// How contour lines are coloured: one colour, or each level through a colormap.
public enum ContourColoring: Equatable, Sendable {
    case single(Color)
    case colormap(Colormap, vmin: Double, vmax: Double)
}

/// Contour lines of a grid at given levels (marching squares, see `MarchingSquares`).
public struct ContourSeries: PlotElement {
    public var grid: Grid2D
    public var levels: [Double]
    public var coloring: ContourColoring
    public var width: Double
    public var dash: LineDash
    public var label: String?
    /// The traced lines, computed once at construction.
    public let lines: [ContourLine]

    /// - Parameter levels: explicit levels, or nil for about `automaticCount` nice levels inside
    ///   the value range.
    public init(grid: Grid2D, levels: [Double]? = nil, automaticCount: Int = 8,
                coloring: ContourColoring = .single(.black), width: Double = 1.0,
                dash: LineDash = .solid, label: String? = nil) {
        self.grid = grid
        let lv = levels ?? ContourLevels.automatic(grid.finiteRange ?? 0...1, count: automaticCount)
        self.levels = lv.sorted()
        self.coloring = coloring; self.width = width; self.dash = dash; self.label = label
        self.lines = self.levels.flatMap { MarchingSquares.lines(grid, level: $0) }
    }

    public var dataBounds: DataRect? {
        DataRect(xMin: grid.xRange.lowerBound, xMax: grid.xRange.upperBound,
                 yMin: grid.yRange.lowerBound, yMax: grid.yRange.upperBound)
    }
    public var tightLimits: Bool { true }
    public var coverageSamples: [DataPoint] {
        let all = lines.flatMap(\.points)
        return thinned(xs: all.map(\.x), ys: all.map(\.y))
    }

    func color(for level: Double) -> Color {
        switch coloring {
        case .single(let c): return c
        case .colormap(let m, let lo, let hi): return m.color(for: level, vmin: lo, vmax: hi)
        }
    }

    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, symbol: .line(StrokeStyle(color: color(for: levels.first ?? 0), width: width,
                                                                     dash: dash.pattern(width: width)), nil)) }
    }

    /// One stroke per level: all its pieces in one path.
    public func draw(in ctx: PlotContext) {
        for level in levels {
            var path = Path()
            for line in lines where line.level == level {
                path.append(points: line.points.map { ctx.point($0.x, $0.y) }, closed: line.closed)
            }
            guard !path.isEmpty else { continue }
            ctx.canvas.stroke(path, style: StrokeStyle(color: color(for: level), width: width,
                                                       dash: dash.pattern(width: width), roundCaps: true))
        }
    }
}
