/// A figure: a size in inches at a dpi, a grid of panels (`Axes`), optional shared axes and a title.
///
/// ```swift
/// var fig = Figure(width: 9, height: 3, rows: 1, columns: 3)
/// fig.title = "Densities"
/// fig[0, 0].heatmap(grid, colorbarLabel: "density")
/// fig[0, 0].contour(grid, count: 8)
/// try fig.save(to: URL(fileURLWithPath: "figures/x.png"))   // PlotCairo
/// ```
public struct Figure {
    /// Width and height in inches (matplotlib's default is 6.4 × 4.8).
    public var width: Double
    public var height: Double
    /// Pixels per inch for raster output; vector output ignores it.
    public var dpi: Double
    public let rows: Int
    public let columns: Int
    public var title: String?
    /// All panels share the x limits; only the bottom row shows x tick labels and x labels.
    public var shareX = false
    /// All panels share the y limits; only the left column shows y tick labels and y labels.
    public var shareY = false
    public var style = PlotStyle()
    /// Panels in row-major order.
    public var panels: [Axes]

    public init(width: Double = 6.4, height: Double = 4.8, dpi: Double = 150, rows: Int = 1, columns: Int = 1) {
        self.width = width; self.height = height; self.dpi = dpi
        self.rows = max(rows, 0); self.columns = max(columns, 0)
        self.panels = Array(repeating: Axes(), count: self.rows * self.columns)
    }

    /// The panel at (row, column), counted from the top left.
    public subscript(row: Int, column: Int) -> Axes {
        get { panels[row * columns + column] }
        set { panels[row * columns + column] = newValue }
    }

    /// The single panel of a 1 × 1 figure (or the first panel).
    public var axes: Axes {
        get { panels[0] }
        set { panels[0] = newValue }
    }

    /// Size in points (1/72 inch), the device units of every canvas.
    public var sizeInPoints: Size { Size(width: width * 72, height: height * 72) }

    /// Pixel size of raster output at `dpi`.
    public var pixelSize: (width: Int, height: Int) {
        (Int((width * dpi).rounded()), Int((height * dpi).rounded()))
    }

    /// Throws when the figure cannot be drawn: non-positive size or dpi, or no panels.
    public func validate() throws {
        guard width > 0, height > 0, width.isFinite, height.isFinite else {
            throw PlotError.invalidFigure("size \(width) × \(height) in must be positive")
        }
        guard dpi > 0, dpi.isFinite else { throw PlotError.invalidFigure("dpi \(dpi) must be positive") }
        guard rows > 0, columns > 0 else { throw PlotError.invalidFigure("grid \(rows) × \(columns) has no panels") }
    }
}
