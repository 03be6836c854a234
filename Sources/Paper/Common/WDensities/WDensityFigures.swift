import Foundation
import FlowCore
import Plotting

/// Density images of Examples 1–2: the exact W/WU density (Fig. 2a) and a push-forward (Fig. 2c, 2d).
public enum WDensityFigures {
    /// Fig. 2a: the exact density μ(p, a) = exp(log μ) on a grid, viridis with white contour lines.
    public static func densityContours<D: Density>(of density: D, title: String) throws -> Figure {
        let grid = try Grid2D(nx: 241, ny: 241, x: -2.25...2.25, y: -2.25...2.25) { p, a in
            density.logDensity(at: [p, a]).map { $0.isFinite ? exp($0) : 0 } ?? 0
        }
        var fig = Figure(width: 5.6, height: 4.6)
        fig.axes.heatmap(grid, vmin: 0, colorbarLabel: "density μ(p, a)")
        fig.axes.contour(grid, count: 7, color: .white, width: 0.8)
        fig.axes.equalAspect = true
        fig.axes.title = title
        fig.axes.xLabel = "p (passive)"
        fig.axes.yLabel = "a (active)"
        return fig
    }

    /// Fig. 2c/2d: a 2D histogram of the pushed-forward samples [p, a'] as a density image over
    /// p ∈ [−2, 2], a' ∈ [−3.5, 3.5]; `referenceLevels` draws dashed white lines (e.g. ±√3 for WU).
    public static func pushForward(_ samples: Matrix, title: String, referenceLevels: [Double] = []) throws -> Figure {
        let grid = try histogram(samples, nx: 40, ny: 56, x: -2...2, y: -3.5...3.5)
        var fig = Figure(width: 4.6, height: 6.0)
        fig.axes.heatmap(grid, vmin: 0, colorbarLabel: "density of (p, a′)")
        for level in referenceLevels {
            fig.axes.horizontalLine(y: level, color: .white, width: 1, dash: .dashed)
        }
        fig.axes.equalAspect = true
        fig.axes.title = title
        fig.axes.xLabel = "p"
        fig.axes.yLabel = "a′ = a·exp(s(p)) + t(p)"
        return fig
    }

    /// Normalised 2D histogram (density per unit area) with node values at bin centres.
    static func histogram(_ samples: Matrix, nx: Int, ny: Int, x: ClosedRange<Double>, y: ClosedRange<Double>) throws -> Grid2D {
        let wx = (x.upperBound - x.lowerBound) / Double(nx), wy = (y.upperBound - y.lowerBound) / Double(ny)
        var counts = [Double](repeating: 0, count: nx * ny)
        for r in 0..<samples.rows {
            let i = Int(((samples[r, 0] - x.lowerBound) / wx).rounded(.down))
            let j = Int(((samples[r, 1] - y.lowerBound) / wy).rounded(.down))
            guard (0..<nx).contains(i), (0..<ny).contains(j) else { continue }
            counts[j * nx + i] += 1
        }
        let scale = 1 / (Double(max(samples.rows, 1)) * wx * wy)
        return try Grid2D(nx: nx, ny: ny, x: (x.lowerBound + wx / 2)...(x.upperBound - wx / 2),
                          y: (y.lowerBound + wy / 2)...(y.upperBound - wy / 2), values: counts.map { $0 * scale })
    }
}
