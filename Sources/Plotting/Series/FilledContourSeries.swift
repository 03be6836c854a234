/// Filled contours: bands between consecutive levels, each filled with the colormap colour of
/// its middle value (matplotlib `contourf`).
public struct FilledContourSeries: PlotElement {
    public var grid: Grid2D
    public var levels: [Double]
    public var colormap: Colormap
    /// The tiling of each band (non-overlapping polygons).
    public let bands: [ContourBand]
    /// Each band's tiles merged into boundary rings (same fill, far fewer vertices to draw).
    let outlines: [[[DataPoint]]]

    /// - Parameter levels: band boundaries, or nil for about `automaticCount` nice bands covering
    ///   the value range.
    public init(grid: Grid2D, levels: [Double]? = nil, automaticCount: Int = 8, colormap: Colormap = .viridis) {
        self.grid = grid
        self.levels = (levels ?? ContourLevels.covering(grid.finiteRange ?? 0...1, count: automaticCount)).sorted()
        self.colormap = colormap
        self.bands = FilledContours.bands(grid, levels: self.levels)
        let quantum = min(grid.dx, grid.dy) * 1e-7
        self.outlines = bands.map { BandOutline.merge($0.polygons, quantum: quantum) }
    }

    public var dataBounds: DataRect? {
        DataRect(xMin: grid.xRange.lowerBound, xMax: grid.xRange.upperBound,
                 yMin: grid.yRange.lowerBound, yMax: grid.yRange.upperBound)
    }
    public var tightLimits: Bool { true }

    /// Colour of band k of n: evenly spaced through the colormap, as matplotlib does.
    public func color(band k: Int) -> Color {
        colormap.color(at: bands.count > 1 ? Double(k) / Double(bands.count - 1) : 0.5)
    }

    public func draw(in ctx: PlotContext) {
        for (k, rings) in outlines.enumerated() where !rings.isEmpty {
            var path = Path()
            for ring in rings { path.append(points: ring.map { ctx.point($0.x, $0.y) }, closed: true) }
            ctx.canvas.fill(path, color: color(band: k))
        }
    }
}
