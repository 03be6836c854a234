import CouplingTheory
import FlowCore
import Foundation
import Plotting

/// Figure pieces shared by Examples 6 and 7: density grids, data histograms and depth curves.
enum DeepFigures {
    /// The model density p(x) = exp(log p) of a 2D flow on an n × n grid over `extent`.
    static func densityGrid(_ flow: Flow, extent: ClosedRange<Double>, points n: Int) throws -> Grid2D {
        let logp = try flow.logDensityGrid(xRange: extent, yRange: extent, nx: n, ny: n)
        return try Grid2D(nx: n, ny: n, x: extent, y: extent, values: logp.values.map { exp($0) })
    }

    /// A normalised 2D histogram of samples (density per unit area) with `bins` × `bins` cells over
    /// `extent`; node (i, j) carries cell (i, j)'s value, so the grid spans the cell centres.
    static func histogramGrid(_ x: Matrix, extent: ClosedRange<Double>, bins: Int) throws -> Grid2D {
        let lo = extent.lowerBound, w = (extent.upperBound - lo) / Double(bins)
        var counts = [Double](repeating: 0, count: bins * bins)
        for r in 0..<x.rows {
            let i = Int(floor((x[r, 0] - lo) / w)), j = Int(floor((x[r, 1] - lo) / w))
            guard (0..<bins).contains(i), (0..<bins).contains(j) else { continue }
            counts[j * bins + i] += 1
        }
        let scale = 1 / (Double(x.rows) * w * w)
        let centres = (lo + w / 2)...(extent.upperBound - w / 2)
        return try Grid2D(nx: bins, ny: bins, x: centres, y: centres, values: counts.map { $0 * scale })
    }

    /// Common colour scale: the 99.5th percentile of all panels' values (a few spikes at block edges
    /// would otherwise wash the panels out); larger values saturate.
    static func commonScale(_ grids: [Grid2D]) -> Double {
        let all = grids.flatMap(\.values).filter(\.isFinite).sorted()
        guard !all.isEmpty else { return 1 }
        return max(all[min(all.count - 1, Int(0.995 * Double(all.count)))], 0.3)
    }

    /// A density panel: viridis heatmap on a common scale, equal aspect, fixed limits.
    static func densityPanel(_ axes: inout Axes, grid: Grid2D, extent: ClosedRange<Double>, vmax: Double,
                             title: String, colorbar: Bool) {
        axes.heatmap(grid, colormap: .viridis, vmin: 0, vmax: vmax,
                     extent: DataRect(xMin: extent.lowerBound, xMax: extent.upperBound, yMin: extent.lowerBound, yMax: extent.upperBound),
                     colorbarLabel: colorbar ? "density" : nil, showColorbar: colorbar)
        axes.equalAspect = true
        axes.xLimits = extent
        axes.yLimits = extent
        axes.title = title
    }

    /// Mean-over-seeds curves with a min–max seed band, one colour per method, against depth 1…L.
    /// Depths a method did not train (NaN, end-to-end) are skipped, so its line joins the trained ones.
    static func depthCurves(_ axes: inout Axes, values: [(DeepMethod, [[Double]])]) {
        for (m, rows) in values {
            let color = Color.cycle(DeepMethod.allCases.firstIndex(of: m)!)
            let mean = DeepStatistics.mean(rows), band = DeepStatistics.range(rows)
            let kept = mean.indices.filter { mean[$0].isFinite }
            let depths = kept.map { Double($0 + 1) }
            if rows.count > 1 {
                axes.band(x: depths, lower: kept.map { band.lower[$0] }, upper: kept.map { band.upper[$0] }, color: color, alpha: 0.2)
            }
            axes.line(x: depths, y: kept.map { mean[$0] }, color: color, marker: .circle, markerSize: 4, label: m.label)
        }
        axes.xLabel = "depth (coupling blocks)"
        axes.xTicks = depthTicks(values.first?.1.first?.count ?? 1)
        axes.showGrid = true
    }

    /// Integer depth ticks: every depth up to 8, then 1 and every even depth.
    static func depthTicks(_ depth: Int, from start: Int = 1) -> [Double] {
        depth <= 8 ? (start...depth).map(Double.init) : (start < 1 ? [0, 1] : [1]) + stride(from: 2, through: depth, by: 2).map(Double.init)
    }
}
