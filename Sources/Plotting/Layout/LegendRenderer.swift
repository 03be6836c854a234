/// Draws a legend box inside the plot area, sized from measured labels (matplotlib's spacings,
/// in units of the font size: border 0.4, handle 2.0, handle–text 0.8, rows 0.5, inset 0.5).
enum LegendRenderer {
    static func draw(_ entries: [LegendEntry], placement: LegendPlacement, context ctx: PlotContext,
                     samples: [DataPoint]) {
        let s = ctx.style, fs = s.fontSize, font = s.labelFont, canvas = ctx.canvas
        let metrics = entries.map { canvas.measure($0.label, font: font) }
        let rowH = fs, pad = 0.4 * fs, handle = 2.0 * fs, gap = 0.8 * fs, spacing = 0.5 * fs
        let size = Size(width: 2 * pad + handle + gap + (metrics.map(\.width).max() ?? 0),
                        height: 2 * pad + Double(entries.count) * rowH + Double(entries.count - 1) * spacing)
        let box = frame(size: size, placement: placement, context: ctx, samples: samples)
        canvas.fill(Path(rect: box), color: Color.white.withAlpha(0.8))
        canvas.stroke(Path(rect: box), style: StrokeStyle(color: Color(hex: 0xcccccc), width: 0.8))
        for (k, e) in entries.enumerated() {
            let cy = box.minY + pad + Double(k) * (rowH + spacing) + rowH / 2
            drawSymbol(e.symbol, from: box.minX + pad, length: handle, y: cy, canvas: canvas)
            canvas.drawText(e.label, at: Point(box.minX + pad + handle + gap, cy), font: font, color: s.textColor,
                            horizontal: .left, vertical: .center, rotationDegrees: 0)
        }
    }

    /// The legend rectangle at a corner; `.best` takes the corner covering the fewest samples
    /// (ties go to upper right, upper left, lower left, lower right, in that order).
    static func frame(size: Size, placement: LegendPlacement, context ctx: PlotContext, samples: [DataPoint]) -> Rect {
        let a = ctx.area, inset = 0.5 * ctx.style.fontSize
        func at(_ p: LegendPlacement) -> Rect {
            let left = a.minX + inset, right = a.maxX - inset - size.width
            let top = a.minY + inset, bottom = a.maxY - inset - size.height
            switch p {
            case .upperRight, .best: return Rect(x: right, y: top, width: size.width, height: size.height)
            case .upperLeft: return Rect(x: left, y: top, width: size.width, height: size.height)
            case .lowerLeft: return Rect(x: left, y: bottom, width: size.width, height: size.height)
            case .lowerRight: return Rect(x: right, y: bottom, width: size.width, height: size.height)
            }
        }
        guard placement == .best else { return at(placement) }
        let points = samples.map { ctx.point($0.x, $0.y) }
        let candidates: [LegendPlacement] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight]
        let counts = candidates.map { c -> Int in let r = at(c); return points.filter { r.contains($0) }.count }
        let best = counts.indices.min { counts[$0] < counts[$1] } ?? 0
        return at(candidates[best])
    }

    static func drawSymbol(_ symbol: LegendSymbol, from x: Double, length: Double, y: Double, canvas: Canvas) {
        switch symbol {
        case .line(let style, let marker):
            canvas.stroke(Path(points: [Point(x, y), Point(x + length, y)]), style: style)
            marker?.draw(at: Point(x + length / 2, y), on: canvas)
        case .marker(let m):
            m.draw(at: Point(x + length / 2, y), on: canvas)
        case .patch(let c):
            let h = 0.7 * length / 2
            canvas.fill(Path(rect: Rect(x: x, y: y - h / 2, width: length, height: h)), color: c)
        }
    }
}
