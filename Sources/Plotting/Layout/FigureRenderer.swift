/// Draws a figure on any `Canvas`: background, then per panel grid, elements (clipped to the plot
/// area), spines, outward ticks, tick labels, axis labels, title, legend and colorbar.
public enum FigureRenderer {
    /// Validates, lays out and draws `figure`; returns the layout used (handy for tests).
    @discardableResult
    public static func draw(_ figure: Figure, on canvas: Canvas) throws -> FigureLayout {
        try figure.validate()
        let layout = FigureLayout(figure: figure, canvas: canvas)
        let s = figure.style
        canvas.fill(Path(rect: Rect(x: 0, y: 0, width: canvas.size.width, height: canvas.size.height)), color: s.background)
        for (k, panel) in figure.panels.enumerated() {
            drawPanel(panel, layout.panels[k], style: s, canvas: canvas)
        }
        if let t = figure.title, let at = layout.titleAnchor {
            canvas.drawText(t, at: at, font: s.font(s.figureTitleFontSize), color: s.textColor,
                            horizontal: .center, vertical: .baseline, rotationDegrees: 0)
        }
        return layout
    }

    static func drawPanel(_ p: Axes, _ L: PanelLayout, style s: PlotStyle, canvas: Canvas) {
        let a = L.area
        let ctx = PlotContext(canvas: canvas, x: L.x, y: L.y, area: a, style: s)
        if p.showGrid { drawGrid(L, style: s, canvas: canvas) }
        canvas.pushClip(a)
        for e in p.elements { e.draw(in: ctx) }
        canvas.popClip()
        canvas.stroke(Path(rect: a), style: StrokeStyle(color: s.textColor, width: s.axesLineWidth))
        drawTicks(L, style: s, canvas: canvas)
        drawLabels(p, L, style: s, canvas: canvas)
        if let placement = p.legend {
            let entries = p.elements.compactMap(\.legendEntry)
            if !entries.isEmpty {
                LegendRenderer.draw(entries, placement: placement, context: ctx,
                                    samples: p.elements.flatMap(\.coverageSamples))
            }
        }
        if let cb = p.colorbar, let r = L.colorbar, let t = L.colorbarTicks {
            ColorbarRenderer.draw(cb, in: r, ticks: t, style: s, canvas: canvas)
        }
    }

    static func drawGrid(_ L: PanelLayout, style s: PlotStyle, canvas: Canvas) {
        var path = Path()
        for v in L.xTicks.values {
            let x = L.x.map(v)
            path.append(points: [Point(x, L.area.minY), Point(x, L.area.maxY)], closed: false)
        }
        for v in L.yTicks.values {
            let y = L.y.map(v)
            path.append(points: [Point(L.area.minX, y), Point(L.area.maxX, y)], closed: false)
        }
        canvas.stroke(path, style: StrokeStyle(color: s.gridColor.withAlpha(0.6), width: s.gridWidth))
    }

    /// Outward ticks on the bottom and left spines, and their labels.
    static func drawTicks(_ L: PanelLayout, style s: PlotStyle, canvas: Canvas) {
        let a = L.area
        var path = Path()
        for v in L.xTicks.values {
            let x = L.x.map(v)
            path.append(points: [Point(x, a.maxY), Point(x, a.maxY + s.tickLength)], closed: false)
        }
        for v in L.yTicks.values {
            let y = L.y.map(v)
            path.append(points: [Point(a.minX, y), Point(a.minX - s.tickLength, y)], closed: false)
        }
        canvas.stroke(path, style: StrokeStyle(color: s.textColor, width: s.tickWidth))
        if L.showXTickLabels {
            for (v, label) in zip(L.xTicks.values, L.xTicks.labels) {
                canvas.drawText(label, at: Point(L.x.map(v), a.maxY + s.tickLength + s.tickPad), font: s.tickFont,
                                color: s.textColor, horizontal: .center, vertical: .top, rotationDegrees: 0)
            }
        }
        if L.showYTickLabels {
            for (v, label) in zip(L.yTicks.values, L.yTicks.labels) {
                canvas.drawText(label, at: Point(a.minX - s.tickLength - s.tickPad, L.y.map(v)), font: s.tickFont,
                                color: s.textColor, horizontal: .right, vertical: .center, rotationDegrees: 0)
            }
        }
    }

    /// Axis labels and the panel title.
    static func drawLabels(_ p: Axes, _ L: PanelLayout, style s: PlotStyle, canvas: Canvas) {
        let a = L.area
        if L.showXLabel, let t = p.xLabel {
            let y = a.maxY + s.tickLength + (L.showXTickLabels ? s.tickPad + L.xTicks.maxHeight : 0) + s.labelPad
            canvas.drawText(t, at: Point(a.midX, y), font: s.labelFont, color: s.textColor,
                            horizontal: .center, vertical: .top, rotationDegrees: 0)
        }
        if L.showYLabel, let t = p.yLabel {
            let x = a.minX - s.tickLength - (L.showYTickLabels ? s.tickPad + L.yTicks.maxWidth : 0) - s.labelPad
            canvas.drawText(t, at: Point(x, a.midY), font: s.labelFont, color: s.textColor,
                            horizontal: .center, vertical: .bottom, rotationDegrees: 90)
        }
        if let t = p.title {
            canvas.drawText(t, at: Point(a.midX, a.minY - s.titlePad), font: s.titleFont, color: s.textColor,
                            horizontal: .center, vertical: .bottom, rotationDegrees: 0)
        }
    }
}
