/// Draws a colorbar: a vertical gradient (or banded blocks), a frame, ticks and labels on the right.
enum ColorbarRenderer {
    static func draw(_ cb: ColorbarSpec, in r: Rect, ticks: AxisTicks, style s: PlotStyle, canvas: Canvas) {
        let lo = min(cb.vmin, cb.vmax), hi = max(cb.vmin, cb.vmax)
        let scale = LinearScale(domain: lo...hi, start: r.maxY, end: r.minY)
        if let b = cb.boundaries, b.count >= 2 {
            for k in 0..<(b.count - 1) {
                let y0 = scale.map(b[k]), y1 = scale.map(b[k + 1])
                let t = b.count > 2 ? Double(k) / Double(b.count - 2) : 0.5
                canvas.fill(Path(rect: Rect(x: r.minX, y: min(y0, y1), width: r.width, height: abs(y1 - y0))),
                            color: cb.colormap.color(at: t))
            }
        } else {
            canvas.drawImage(gradient(cb.colormap), in: r, smooth: true)
        }
        if !cb.lineLevels.isEmpty {
            var path = Path()
            for v in cb.lineLevels where v >= lo && v <= hi {
                let y = scale.map(v)
                path.append(points: [Point(r.minX, y), Point(r.maxX, y)], closed: false)
            }
            canvas.stroke(path, style: StrokeStyle(color: .white, width: 0.8))
        }
        canvas.stroke(Path(rect: r), style: StrokeStyle(color: s.textColor, width: s.axesLineWidth))
        var tickPath = Path()
        for (v, label) in zip(ticks.values, ticks.labels) {
            let y = scale.map(v)
            tickPath.append(points: [Point(r.maxX, y), Point(r.maxX + s.tickLength, y)], closed: false)
            canvas.drawText(label, at: Point(r.maxX + s.tickLength + s.tickPad, y), font: s.tickFont, color: s.textColor,
                            horizontal: .left, vertical: .center, rotationDegrees: 0)
        }
        canvas.stroke(tickPath, style: StrokeStyle(color: s.textColor, width: s.tickWidth))
        if let label = cb.label {
            let x = r.maxX + s.tickLength + s.tickPad + ticks.maxWidth + s.labelPad
            canvas.drawText(label, at: Point(x, r.midY), font: s.labelFont, color: s.textColor,
                            horizontal: .center, vertical: .top, rotationDegrees: 90)
        }
    }

    /// A 1-pixel-wide, 256-pixel-tall gradient, top = high end of the map.
    static func gradient(_ map: Colormap) -> RGBAImage {
        let lut = ColormapLUT(map)
        var px = [UInt8](repeating: 0, count: 256 * 4)
        for row in 0..<256 { lut.write(Double(255 - row) / 255, into: &px, at: row * 4) }
        return RGBAImage(width: 1, height: 256, pixels: px)
    }
}
