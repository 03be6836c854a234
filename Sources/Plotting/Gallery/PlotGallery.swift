import Foundation

/// One figure per chart kind, for `couplinglab gallery` and for eyeballing the plotting stack.
public enum PlotGallery {
    /// All gallery figures with their file base names.
    public static func figures() throws -> [(name: String, figure: Figure)] {
        [("moons-density", try moonsDensity()), ("panel-grid", try panelGrid()), ("line-band", lineBand()),
         ("scatter", scatter()), ("filled-contours", try filledContours()), ("diamonds", diamonds()),
         ("colormaps", try colormaps()), ("mixed-row", try mixedRow())]
    }

    /// Two-moons density as a viridis heatmap with white contour lines and a colorbar.
    public static func moonsDensity() throws -> Figure {
        let grid = try Grid2D(nx: 240, ny: 180, x: -1.5...2.5, y: -1.0...1.5) { GalleryData.twoMoonsDensity(x: $0, y: $1) }
        var fig = Figure(width: 6.4, height: 4.2)
        fig.axes.heatmap(grid, colorbarLabel: "density")
        fig.axes.contour(grid, count: 6, color: .white, width: 0.8)
        fig.axes.equalAspect = true
        fig.axes.title = "Two moons: analytic density"
        fig.axes.xLabel = "x₁"
        fig.axes.yLabel = "x₂"
        return fig
    }

    /// A 3 × 5 grid of rotated mixture densities with shared axes, panel titles and a figure title.
    public static func panelGrid() throws -> Figure {
        var fig = Figure(width: 11, height: 7, rows: 3, columns: 5)
        fig.title = "Rotated Gaussian mixture, δ = 0.95"
        fig.shareX = true
        fig.shareY = true
        for r in 0..<3 {
            for c in 0..<5 {
                let theta = Double(r * 5 + c) * 12
                let grid = try Grid2D(nx: 120, ny: 120, x: -3...3, y: -3...3) {
                    GalleryData.rotatedMixtureDensity(x: $0, y: $1, thetaDegrees: theta)
                }
                fig[r, c].heatmap(grid, showColorbar: false)
                fig[r, c].contour(grid, count: 5, color: .white, width: 0.6)
                fig[r, c].equalAspect = true
                fig[r, c].title = "θ = \(Int(theta))°"
                fig[r, c].xLabel = "p"
                fig[r, c].yLabel = "a"
            }
        }
        return fig
    }

    /// Training-curve style lines with a ±σ band, a reference line, a legend and an annotation.
    public static func lineBand() -> Figure {
        let steps = (0...200).map { Double($0) * 20 }
        let mean = steps.map { 1.42 + 1.3 * exp(-$0 / 600) }
        let sd = steps.map { 0.05 + 0.25 * exp(-$0 / 900) }
        let held = steps.map { 1.45 + 1.25 * exp(-$0 / 650) }
        var fig = Figure(width: 6.4, height: 4.2)
        fig.axes.band(x: steps, lower: zip(mean, sd).map { $0 - $1 }, upper: zip(mean, sd).map { $0 + $1 },
                      color: Color.cycle(0), label: "train ± σ")
        fig.axes.line(x: steps, y: mean, color: Color.cycle(0), label: "train")
        fig.axes.line(x: steps, y: held, color: Color.cycle(1), dash: .dashed, label: "held-out")
        fig.axes.horizontalLine(y: 1.4189, color: Color.cycle(3), width: 1.2, label: "Theorem 1 bound")
        fig.axes.text("bound 1.419 nats", x: 2600, y: 1.33, color: Color.cycle(3))
        fig.axes.xLabel = "step"
        fig.axes.yLabel = "ML loss (nats)"
        fig.axes.title = "Loss during training"
        fig.axes.legend = .best
        fig.axes.showGrid = true
        return fig
    }

    /// Two point clouds with alpha and a legend.
    public static func scatter() -> Figure {
        let a = GalleryData.normalPairs(600, offset: 1), b = GalleryData.normalPairs(600, offset: 701)
        var fig = Figure(width: 5.2, height: 4.6)
        fig.axes.scatter(x: a.map { 0.6 * $0.0 - 1 }, y: a.map { 0.6 * $0.1 + 0.4 * $0.0 }, size: 5, alpha: 0.5, label: "class A")
        fig.axes.scatter(x: b.map { 0.5 * $0.0 + 1.2 }, y: b.map { 0.8 * $0.1 - 0.5 }, size: 5, alpha: 0.5, label: "class B")
        fig.axes.equalAspect = true
        fig.axes.legend = .best
        fig.axes.xLabel = "p"
        fig.axes.yLabel = "a′"
        fig.axes.title = "Samples"
        return fig
    }

    /// Filled contours of a saddle-shaped function with a diverging map and a banded colorbar.
    public static func filledContours() throws -> Figure {
        let grid = try Grid2D(nx: 160, ny: 160, x: -2...2, y: -2...2) { x, y in
            x * exp(-x * x - y * y) + (x * x + y * y) / 20
        }
        var fig = Figure(width: 6.0, height: 4.8)
        fig.axes.filledContour(grid, count: 12, colormap: .diverging, colorbarLabel: "f(x, y)")
        fig.axes.contour(grid, levels: fig.axes.colorbar?.boundaries, color: Color(hex: 0x333333), width: 0.5)
        fig.axes.equalAspect = true
        fig.axes.title = "Filled contours"
        fig.axes.xLabel = "x"
        fig.axes.yLabel = "y"
        return fig
    }

    /// A Δ(θ) curve with diamond markers at chosen angles (as in the paper's Fig. 4).
    public static func diamonds() -> Figure {
        let theta = (0...180).map { Double($0) }
        let delta = theta.map { 0.18 * pow(sin($0 * Double.pi / 180), 2) + 0.01 }
        // Chosen angles scatter less as N grows, like the OAS argmax of an empirical Δ.
        let offsets = [-1.0, 0.6, -0.3, 1.0]
        var fig = Figure(width: 6.4, height: 3.6)
        fig.axes.line(x: theta, y: delta, color: .black, width: 1.5, label: "Δ(θ) analytic")
        for (k, n) in [512, 2048, 8192].enumerated() {
            let xs = offsets.map { 90 + $0 * 24 / Double(1 << (2 * k)) }
            fig.axes.scatter(x: xs, y: xs.map { 0.18 * pow(sin($0 * Double.pi / 180), 2) + 0.01 },
                             color: Color.cycle(k), size: 8, shape: .diamond, edge: .black, label: "OAS, N = \(n)")
        }
        fig.axes.verticalLine(x: 90, color: Color.gridGrey, width: 1, dash: .dotted)
        fig.axes.xLimits = 0...180
        fig.axes.xTicks = stride(from: 0.0, through: 180, by: 30).map { $0 }
        fig.axes.xLabel = "θ (degrees)"
        fig.axes.yLabel = "Δ(θ) (nats)"
        fig.axes.title = "OAS choices"
        fig.axes.legend = .upperLeft
        return fig
    }

    /// The three continuous colormaps as horizontal strips (a visual check of the tables).
    public static func colormaps() throws -> Figure {
        var fig = Figure(width: 6.4, height: 3.6, rows: 3, columns: 1)
        let maps: [Colormap] = [.viridis, .grey, .diverging]
        for (k, map) in maps.enumerated() {
            let grid = try Grid2D(nx: 256, ny: 2, x: 0...1, y: 0...1) { x, _ in x }
            fig[k, 0].heatmap(grid, colormap: map, showColorbar: false)
            fig[k, 0].title = map.name
            fig[k, 0].hideYTickLabels = true
            fig[k, 0].yTicks = []
        }
        return fig
    }

    /// What a report stage typically draws: three densities (heatmap + contours, one shared
    /// colorbar range) and a line plot, side by side.
    public static func mixedRow() throws -> Figure {
        var fig = Figure(width: 13, height: 3.4, rows: 1, columns: 4)
        fig.title = "Push-forward densities and loss"
        let grids = try [0.0, 45, 90].map { theta in
            try Grid2D(nx: 150, ny: 150, x: -3...3, y: -3...3) {
                GalleryData.rotatedMixtureDensity(x: $0, y: $1, thetaDegrees: theta, delta: 0.8)
            }
        }
        let vmax = grids.compactMap { $0.finiteRange?.upperBound }.max() ?? 1
        for (k, grid) in grids.enumerated() {
            fig[0, k].heatmap(grid, vmin: 0, vmax: vmax, colorbarLabel: k == 2 ? "density" : nil, showColorbar: k == 2)
            fig[0, k].contour(grid, count: 6, color: .white, width: 0.7)
            fig[0, k].equalAspect = true
            fig[0, k].title = ["θ = 0°", "θ = 45°", "θ = 90°"][k]
            fig[0, k].xLabel = "p"
            fig[0, k].yLabel = k == 0 ? "a" : nil
        }
        let depth = (1...12).map(Double.init)
        fig[0, 3].line(x: depth, y: depth.map { 0.3 * exp(-$0 / 3) }, marker: .circle, markerSize: 4, label: "LW-OAS")
        fig[0, 3].line(x: depth, y: depth.map { 0.3 * exp(-$0 / 6) }, dash: .dashed, marker: .square, markerSize: 4,
                       label: "LW-RND")
        fig[0, 3].xLabel = "depth"
        fig[0, 3].yLabel = "KL (nats)"
        fig[0, 3].title = "KL vs depth"
        fig[0, 3].legend = .upperRight
        return fig
    }
}
