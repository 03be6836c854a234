extension FigureLayout {
    /// The boxes (plot areas before aspect correction) given per-panel margins.
    static func areas(_ fig: Figure, margins: [PanelMargins], titleBlock: Double) -> [Rect] {
        let s = fig.style, size = fig.sizeInPoints
        let left = (0..<fig.columns).map { c in (0..<fig.rows).map { margins[$0 * fig.columns + c].left }.max() ?? 0 }
        let right = (0..<fig.columns).map { c in (0..<fig.rows).map { margins[$0 * fig.columns + c].right }.max() ?? 0 }
        let top = (0..<fig.rows).map { r in (0..<fig.columns).map { margins[r * fig.columns + $0].top }.max() ?? 0 }
        let bottom = (0..<fig.rows).map { r in (0..<fig.columns).map { margins[r * fig.columns + $0].bottom }.max() ?? 0 }
        let usedW = 2 * s.outerPad + left.reduce(0, +) + right.reduce(0, +) + Double(fig.columns - 1) * s.panelGap
        let usedH = 2 * s.outerPad + titleBlock + top.reduce(0, +) + bottom.reduce(0, +) + Double(fig.rows - 1) * s.panelGap
        // A figure too small for its labels still gets drawable (if cramped) panels.
        let w = max((size.width - usedW) / Double(fig.columns), 10)
        let h = max((size.height - usedH) / Double(fig.rows), 10)
        var rects: [Rect] = []
        var y = s.outerPad + titleBlock
        for r in 0..<fig.rows {
            y += top[r]
            var x = s.outerPad
            for c in 0..<fig.columns {
                x += left[c]
                rects.append(Rect(x: x, y: y, width: w, height: h))
                x += w + right[c] + s.panelGap
            }
            y += h + bottom[r] + s.panelGap
        }
        return rects
    }

    /// The panel inside `box`: equal-aspect shrink, scales, ticks and colorbar.
    static func panel(_ fig: Figure, index k: Int, box: Rect, limits: (x: ClosedRange<Double>, y: ClosedRange<Double>),
                      canvas: Canvas) -> PanelLayout {
        let p = fig.panels[k], s = fig.style
        let row = k / fig.columns, col = k % fig.columns
        var area = box
        if p.colorbar != nil { area.width = max(area.width - s.colorbarPad - s.colorbarWidth, 10) }
        if p.equalAspect {
            let xs = limits.x.upperBound - limits.x.lowerBound, ys = limits.y.upperBound - limits.y.lowerBound
            if xs > 0, ys > 0 {
                let unit = min(area.width / xs, area.height / ys)
                let w = unit * xs, h = unit * ys
                area = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
            }
        }
        let xScale = LinearScale(domain: limits.x, start: area.minX, end: area.maxX)
        let yScale = LinearScale(domain: limits.y, start: area.maxY, end: area.minY)
        let font = s.tickFont
        let xTicks = AxisTicks.make(limits: limits.x, explicit: p.xTicks, length: area.width, horizontal: true,
                                    font: font, canvas: canvas)
        let yTicks = AxisTicks.make(limits: limits.y, explicit: p.yTicks, length: area.height, horizontal: false,
                                    font: font, canvas: canvas)
        var cbRect: Rect?, cbTicks: AxisTicks?
        if let cb = p.colorbar {
            let r = Rect(x: area.maxX + s.colorbarPad, y: area.minY, width: s.colorbarWidth, height: area.height)
            cbRect = r
            cbTicks = AxisTicks.make(limits: min(cb.vmin, cb.vmax)...max(cb.vmin, cb.vmax), explicit: nil,
                                     length: r.height, horizontal: false, font: font, canvas: canvas)
        }
        let innerX = fig.shareX && row < fig.rows - 1, innerY = fig.shareY && col > 0
        return PanelLayout(area: area, box: box, x: xScale, y: yScale, xTicks: xTicks, yTicks: yTicks,
                           showXTickLabels: !p.hideXTickLabels && !innerX, showYTickLabels: !p.hideYTickLabels && !innerY,
                           showXLabel: p.xLabel != nil && !innerX, showYLabel: p.yLabel != nil && !innerY,
                           colorbar: cbRect, colorbarTicks: cbTicks)
    }

    /// Space the panel's labels need beyond its box, measured on the canvas.
    static func margins(_ fig: Figure, index k: Int, layout L: PanelLayout, canvas: Canvas) -> PanelMargins {
        let p = fig.panels[k], s = fig.style, a = L.area
        var m = PanelMargins()
        m.left = s.tickLength + (L.showYTickLabels ? s.tickPad + L.yTicks.maxWidth : 0)
            + (L.showYLabel ? s.labelPad + canvas.measure(p.yLabel ?? "", font: s.labelFont).height : 0)
        m.bottom = s.tickLength + (L.showXTickLabels ? s.tickPad + L.xTicks.maxHeight : 0)
            + (L.showXLabel ? s.labelPad + canvas.measure(p.xLabel ?? "", font: s.labelFont).height : 0)
        m.top = p.title.map { s.titlePad + canvas.measure($0, font: s.titleFont).height } ?? 0
        if L.showXTickLabels {   // end labels hang over the sides
            for (v, t) in zip(L.xTicks.values, L.xTicks.metrics) {
                let cx = L.x.map(v)
                m.left = max(m.left, a.minX - (cx - t.width / 2))
                m.right = max(m.right, cx + t.width / 2 - a.maxX)
            }
        }
        if L.showYTickLabels {
            for (v, t) in zip(L.yTicks.values, L.yTicks.metrics) {
                let cy = L.y.map(v)
                m.top = max(m.top, a.minY - (cy - t.height / 2))
                m.bottom = max(m.bottom, cy + t.height / 2 - a.maxY)
            }
        }
        if let cb = L.colorbar, let ticks = L.colorbarTicks {
            let label = p.colorbar?.label.map { s.labelPad + canvas.measure($0, font: s.labelFont).height } ?? 0
            m.right = max(m.right, cb.maxX - a.maxX + s.tickLength + s.tickPad + ticks.maxWidth + label)
            m.top = max(m.top, ticks.maxHeight / 2)
            m.bottom = max(m.bottom, ticks.maxHeight / 2)
        }
        // Space freed by an equal-aspect shrink is already available.
        m.left -= a.minX - L.box.minX
        m.top -= a.minY - L.box.minY
        m.bottom -= L.box.maxY - a.maxY
        m.right -= L.box.maxX - a.maxX
        return m
    }
}
