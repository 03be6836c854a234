import Foundation
import Plotting

/// Figure 4: the exact Δ(θ) against its binning estimate, one panel per sample size N.
enum Figure4Plot {
    /// Each panel: exact curve (blue), mean binned estimate over seeds (orange) with a ±1 std band,
    /// and the OAS choice of every seed as a diamond at its own estimated Δ̂.
    static func make(theta: [Double], exact: [Double], sweeps: [BinnedDeltaSweep]) -> Figure {
        var fig = Figure(width: 3.1 * Double(max(sweeps.count, 1)), height: 3.6, rows: 1, columns: max(sweeps.count, 1))
        fig.title = "Theorem 1 bound Δ(θ) for the Example 4 mixture: exact vs binned (B = 32)"
        let exactColor = Color.cycle(0), binnedColor = Color.cycle(1), oasColor = Color.cycle(3)
        let allValues = exact + sweeps.flatMap { s -> [Double] in
            let (m, sd) = s.meanAndStd
            return zip(m, sd).flatMap { [$0 - $1, $0 + $1] } + s.oasDeltas
        }
        let yLimits = (min(0, allValues.min() ?? 0) - 0.03)...((allValues.max() ?? 1) + 0.05)
        for (k, sweep) in sweeps.enumerated() {
            var ax = Axes(title: "N = \(sweep.sampleSize)", xLabel: "θ (degrees)", yLabel: k == 0 ? "Δ (nats)" : nil)
            let (mean, std) = sweep.meanAndStd
            ax.band(x: sweep.anglesDeg, lower: zip(mean, std).map { $0 - $1 }, upper: zip(mean, std).map { $0 + $1 },
                    color: binnedColor, alpha: 0.25, label: "binned ± 1 std")
            ax.line(x: theta, y: exact, color: exactColor, width: 1.8, label: "exact (quadrature)")
            ax.line(x: sweep.anglesDeg, y: mean, color: binnedColor, width: 1.5, label: "binned, mean of \(sweep.curves.count)")
            ax.scatter(x: sweep.oasAngles, y: sweep.oasDeltas, color: oasColor, size: 7, shape: .diamond, edge: .black,
                       label: "OAS choice per seed")
            ax.xLimits = 0...180
            ax.xTicks = [0, 45, 90, 135, 180]
            ax.yLimits = yLimits
            ax.hideYTickLabels = k > 0
            ax.showGrid = true
            if k == 0 { ax.legend = .lowerLeft }
            fig[0, k] = ax
        }
        return fig
    }
}
