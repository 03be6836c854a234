/// Where the legend goes: a fixed corner, or the corner covering the fewest data points.
public enum LegendPlacement: Equatable, Sendable {
    case upperRight, upperLeft, lowerLeft, lowerRight, best
}

/// A colorbar beside an axes: the colormap over [vmin, vmax], optionally as discrete bands.
public struct ColorbarSpec: Equatable, Sendable {
    public var colormap: Colormap
    public var vmin: Double
    public var vmax: Double
    public var label: String?
    /// Band boundaries for filled contours (drawn as blocks), or nil for a continuous gradient.
    public var boundaries: [Double]?
    /// Values marked by horizontal lines across the bar (contour levels).
    public var lineLevels: [Double]

    public init(colormap: Colormap, vmin: Double, vmax: Double, label: String? = nil,
                boundaries: [Double]? = nil, lineLevels: [Double] = []) {
        self.colormap = colormap; self.vmin = vmin; self.vmax = vmax; self.label = label
        self.boundaries = boundaries; self.lineLevels = lineLevels
    }
}

/// One panel: limits, labels, ticks and the elements drawn in it.
public struct Axes {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// Fixed limits, or nil for automatic limits with `margin`.
    public var xLimits: ClosedRange<Double>?
    public var yLimits: ClosedRange<Double>?
    /// Fraction of the data span added on each side under automatic limits (matplotlib 0.05).
    public var margin = 0.05
    /// One data unit has the same length on both axes (the box shrinks to fit).
    public var equalAspect = false
    public var showGrid = false
    /// Explicit tick positions instead of automatic nice ticks.
    public var xTicks: [Double]?
    public var yTicks: [Double]?
    /// Hide tick labels on one axis (shared axes hide inner ones automatically).
    public var hideXTickLabels = false
    public var hideYTickLabels = false
    /// The legend position; nil draws no legend. Only labelled elements appear.
    public var legend: LegendPlacement?
    public var colorbar: ColorbarSpec?
    public private(set) var elements: [any PlotElement] = []
    /// Next tab10 colour for series without an explicit colour.
    var cycleIndex = 0

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
    }

    /// Adds any element.
    public mutating func add(_ element: any PlotElement) { elements.append(element) }

    /// The given colour, or the next colour of the tab10 cycle.
    mutating func nextColor(_ given: Color?) -> Color {
        if let c = given { return c }
        defer { cycleIndex += 1 }
        return Color.cycle(cycleIndex)
    }

    /// The union of all elements' data bounds, with the margin applied to non-tight ones.
    public func dataLimits() -> DataRect? {
        var loose: DataRect?, tight: DataRect?
        for e in elements {
            guard let b = e.dataBounds else { continue }
            if e.tightLimits { tight = tight.map { $0.union(b) } ?? b } else { loose = loose.map { $0.union(b) } ?? b }
        }
        if let l = loose {
            let mx = Self.padding(l.xMin, l.xMax, margin), my = Self.padding(l.yMin, l.yMax, margin)
            loose = DataRect(xMin: l.xMin - mx, xMax: l.xMax + mx, yMin: l.yMin - my, yMax: l.yMax + my)
        }
        switch (loose, tight) {
        case let (l?, t?): return l.union(t)
        case let (l?, nil): return l
        case let (nil, t?): return t
        default: return nil
        }
    }

    /// Margin on each side; a zero span opens to ±0.5·|value| (or ±0.5) so the axis is not empty.
    static func padding(_ lo: Double, _ hi: Double, _ margin: Double) -> Double {
        let span = hi - lo
        return span > 0 ? span * margin : max(abs(lo) * 0.5, 0.5)
    }

    /// The x and y limits used for drawing: fixed ones, else automatic, else [0, 1].
    public func resolvedLimits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let auto = dataLimits()
        let x = xLimits ?? auto.map { $0.xMin...$0.xMax } ?? 0...1
        let y = yLimits ?? auto.map { $0.yMin...$0.yMax } ?? 0...1
        return (x, y)
    }
}
