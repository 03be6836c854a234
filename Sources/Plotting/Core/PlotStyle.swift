/// Sizes and colours of the figure chrome, in points; defaults follow matplotlib's rcParams.
public struct PlotStyle: Equatable, Sendable {
    public var fontFamily = "DejaVu Sans"
    /// Tick labels, axis labels and legend text (matplotlib 10 pt).
    public var fontSize = 10.0
    /// Panel titles (matplotlib `axes.titlesize: large` = 12 pt).
    public var titleFontSize = 12.0
    /// The figure title.
    public var figureTitleFontSize = 13.0
    /// Axes frame (spines) width.
    public var axesLineWidth = 0.8
    /// Default series line width.
    public var lineWidth = 1.5
    /// Outward tick length and width.
    public var tickLength = 3.5
    public var tickWidth = 0.8
    /// Gap between a tick's end and its label.
    public var tickPad = 3.5
    /// Gap between tick labels and the axis label.
    public var labelPad = 5.0
    /// Gap between the axes top and the panel title.
    public var titlePad = 6.0
    /// Empty border around the whole figure.
    public var outerPad = 6.0
    /// Extra space between neighbouring panels beyond their labels.
    public var panelGap = 10.0
    /// Colorbar strip width and its gap to the axes.
    public var colorbarWidth = 11.0
    public var colorbarPad = 8.0
    public var gridColor = Color.gridGrey
    public var gridWidth = 0.8
    public var textColor = Color.black
    public var background = Color.white

    public init() {}

    func font(_ size: Double) -> Font { Font(family: fontFamily, size: size) }
    var tickFont: Font { font(fontSize) }
    var labelFont: Font { font(fontSize) }
    var titleFont: Font { font(titleFontSize) }
}
