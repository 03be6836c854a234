/// A grid drawn as an image: one pixel per node, origin at the bottom, coloured through a colormap.
public struct HeatmapSeries: PlotElement {
    public var grid: Grid2D
    public var colormap: Colormap
    public var vmin: Double
    public var vmax: Double
    /// Where the image's outer edges sit in data coordinates. Default: the node range widened by
    /// half a step, so that each pixel is centred on its node (and on the contour lines).
    public var extent: DataRect
    /// Bilinear rather than nearest-neighbour sampling when scaled.
    public var smooth: Bool

    public init(grid: Grid2D, colormap: Colormap = .viridis, vmin: Double? = nil, vmax: Double? = nil,
                extent: DataRect? = nil, smooth: Bool = false) {
        self.grid = grid; self.colormap = colormap
        let r = grid.finiteRange ?? 0...1
        self.vmin = vmin ?? r.lowerBound
        self.vmax = vmax ?? r.upperBound
        self.extent = extent ?? DataRect(
            xMin: grid.xRange.lowerBound - grid.dx / 2, xMax: grid.xRange.upperBound + grid.dx / 2,
            yMin: grid.yRange.lowerBound - grid.dy / 2, yMax: grid.yRange.upperBound + grid.dy / 2)
        self.smooth = smooth
    }

    public var dataBounds: DataRect? { extent }
    public var tightLimits: Bool { true }

    /// The RGBA raster, top row = largest y.
    public func image() -> RGBAImage {
        let lut = ColormapLUT(colormap)
        var px = [UInt8](repeating: 0, count: grid.nx * grid.ny * 4)
        let span = vmax - vmin
        for j in 0..<grid.ny {
            let row = grid.ny - 1 - j
            for i in 0..<grid.nx {
                let v = grid.values[j * grid.nx + i]
                let o = (row * grid.nx + i) * 4
                guard v.isFinite else { continue }   // missing values stay transparent
                let t = span > 0 ? (v - vmin) / span : 0.5
                lut.write(t, into: &px, at: o)
            }
        }
        return RGBAImage(width: grid.nx, height: grid.ny, pixels: px)
    }

    public func draw(in ctx: PlotContext) {
        let x0 = ctx.x.map(extent.xMin), x1 = ctx.x.map(extent.xMax)
        let y0 = ctx.y.map(extent.yMax), y1 = ctx.y.map(extent.yMin)
        let rect = Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
        ctx.canvas.drawImage(image(), in: rect, smooth: smooth)
    }
}

/// A 256-entry byte table of a colormap, so images colour millions of values quickly.
struct ColormapLUT {
    var bytes: [UInt8]
    init(_ map: Colormap) {
        bytes = (0..<256).flatMap { k -> [UInt8] in
            let c = map.color(at: Double(k) / 255)
            return [c.red, c.green, c.blue, c.alpha].map { UInt8((min(max($0, 0), 1) * 255).rounded()) }
        }
    }
    @inline(__always)
    func write(_ t: Double, into px: inout [UInt8], at o: Int) {
        let k = Int((min(max(t, 0), 1) * 255).rounded()) * 4
        px[o] = bytes[k]; px[o + 1] = bytes[k + 1]; px[o + 2] = bytes[k + 2]; px[o + 3] = bytes[k + 3]
    }
}
