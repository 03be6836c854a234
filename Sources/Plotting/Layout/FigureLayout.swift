/// Places the panels of a figure so that no label overlaps another panel or leaves the figure.
///
/// Every label is measured on the canvas. The space around each plot area is the largest that any
/// panel of the same row/column needs (tick labels, axis labels, titles, colorbars); the remaining
/// width and height are shared equally by the panels. Tick choice depends on the axis length and
/// the length on the labels, so the computation repeats until the margins stop growing.
public struct FigureLayout {
    public let panels: [PanelLayout]
    /// Baseline-centre point of the figure title, if any.
    public let titleAnchor: Point?

    /// Limits per panel after sharing.
    static func limits(_ fig: Figure) -> [(x: ClosedRange<Double>, y: ClosedRange<Double>)] {
        var lims = fig.panels.map { $0.resolvedLimits() }
        if fig.shareX, let f = lims.first {
            let x = lims.reduce(f.x) { min($0.lowerBound, $1.x.lowerBound)...max($0.upperBound, $1.x.upperBound) }
            lims = lims.map { (x, $0.y) }
        }
        if fig.shareY, let f = lims.first {
            let y = lims.reduce(f.y) { min($0.lowerBound, $1.y.lowerBound)...max($0.upperBound, $1.y.upperBound) }
            lims = lims.map { ($0.x, y) }
        }
        return lims
    }

    public init(figure fig: Figure, canvas: Canvas) {
        let lims = Self.limits(fig)
        let size = fig.sizeInPoints, s = fig.style
        var titleBlock = 0.0
        var titleAnchor: Point?
        if let t = fig.title {
            let m = canvas.measure(t, font: s.font(s.figureTitleFontSize))
            titleAnchor = Point(size.width / 2, s.outerPad + m.ascent)
            titleBlock = m.height + s.titlePad
        }
        var margins = [PanelMargins](repeating: PanelMargins(), count: fig.panels.count)
        var layouts: [PanelLayout] = []
        var grew = true
        for _ in 0..<8 where grew {
            layouts = Self.place(fig, margins: margins, titleBlock: titleBlock, limits: lims, canvas: canvas)
            grew = false
            for k in layouts.indices {
                let need = Self.margins(fig, index: k, layout: layouts[k], canvas: canvas)
                var merged = margins[k]
                merged.formMax(need)
                if merged.left > margins[k].left + 0.01 || merged.right > margins[k].right + 0.01
                    || merged.top > margins[k].top + 0.01 || merged.bottom > margins[k].bottom + 0.01 { grew = true }
                margins[k] = merged
            }
        }
        if grew {   // margins changed in the last pass: place the panels once more with them
            layouts = Self.place(fig, margins: margins, titleBlock: titleBlock, limits: lims, canvas: canvas)
        }
        self.panels = layouts
        self.titleAnchor = titleAnchor
    }

    /// Panel layouts for the given margins.
    static func place(_ fig: Figure, margins: [PanelMargins], titleBlock: Double,
                      limits: [(x: ClosedRange<Double>, y: ClosedRange<Double>)], canvas: Canvas) -> [PanelLayout] {
        let areas = Self.areas(fig, margins: margins, titleBlock: titleBlock)
        return fig.panels.indices.map { Self.panel(fig, index: $0, box: areas[$0], limits: limits[$0], canvas: canvas) }
    }
}
