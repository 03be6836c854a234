import Foundation
import Plotting

/// Figure 1: input densities (top), Theorem 1 bound with trained losses (middle), push-forwards (bottom).
enum Figure1Plot {
    static func make(curve: Figure1Curve, points: [Figure1Point], panels: [Figure1Panel]) -> Figure {
        let columns = max(panels.count, 1)
        var fig = Figure(width: 3.3 * Double(columns) + 0.8, height: 10.2, rows: 3, columns: columns)
        fig.title = "One affine coupling on the Example 4 mixture: the rotation decides"
        let vmax = panels.flatMap { [$0.input.finiteRange?.upperBound ?? 0, $0.output.finiteRange?.upperBound ?? 0] }.max() ?? 1
        let lossValues = curve.bound + [curve.mlBefore] + points.flatMap { [$0.loss.value - $0.loss.standardError, $0.loss.value + $0.loss.standardError] }
        // Headroom above the no-layer line keeps the legend clear of the data.
        let lossLimits = ((lossValues.min() ?? 0) - 0.08)...((lossValues.max() ?? 1) + 0.5)
        for (k, panel) in panels.enumerated() {
            let last = k == columns - 1
            var top = Axes(title: "input, θ = \(Int(panel.theta))°", xLabel: "p (passive)", yLabel: k == 0 ? "a (active)" : nil)
            top.heatmap(panel.input, vmin: 0, vmax: vmax, smooth: true, colorbarLabel: last ? "density" : nil, showColorbar: last)
            top.equalAspect = true
            fig[0, k] = top
            fig[1, k] = lossPanel(curve: curve, points: points, highlight: panel.theta, limits: lossLimits, first: k == 0)
            var bottom = Axes(title: "push-forward, θ = \(Int(panel.theta))°", xLabel: "p", yLabel: k == 0 ? "a′ (active output)" : nil)
            bottom.heatmap(panel.output, vmin: 0, vmax: vmax, smooth: true, colorbarLabel: last ? "density" : nil, showColorbar: last)
            bottom.equalAspect = true
            fig[2, k] = bottom
        }
        return fig
    }

    /// The bound over θ, the loss without the layer, and the trained held-out losses (± SE bars);
    /// the column's own angle is marked.
    static func lossPanel(curve: Figure1Curve, points: [Figure1Point], highlight: Double,
                          limits: ClosedRange<Double>, first: Bool) -> Axes {
        var ax = Axes(title: "loss vs θ (marked: \(Int(highlight))°)", xLabel: "θ (degrees)", yLabel: first ? "ML loss (nats)" : nil)
        ax.verticalLine(x: highlight, color: Color.gridGrey, width: 1.2, dash: .dotted)
        ax.horizontalLine(y: curve.mlBefore, color: Color(hex: 0x7f7f7f), width: 1.2, dash: .dashed, label: first ? "no layer" : nil)
        // Δ has period 180°: close the curve at θ = 180° with its value at 0°.
        ax.line(x: curve.theta + [180], y: curve.bound + [curve.bound.first ?? .nan], color: Color.cycle(0), width: 1.8,
                label: first ? "Theorem 1 bound" : nil)
        for pt in points {
            ax.line(x: [pt.theta, pt.theta], y: [pt.loss.value - pt.loss.standardError, pt.loss.value + pt.loss.standardError],
                    color: Color.cycle(1), width: 1.2)
        }
        ax.scatter(x: points.map(\.theta), y: points.map(\.loss.value), color: Color.cycle(1), size: 6, edge: .black,
                   label: first ? "trained (held-out ± SE)" : nil)
        if let mark = points.first(where: { $0.theta == highlight }) {
            ax.scatter(x: [mark.theta], y: [mark.loss.value], color: Color.cycle(3), size: 10, shape: .diamond, edge: .black)
        }
        // A little room either side so that the markers at 0° are not cut by the frame.
        ax.xLimits = -6...186
        ax.xTicks = [0, 45, 90, 135, 180]
        ax.yLimits = limits
        ax.hideYTickLabels = !first
        ax.showGrid = true
        if first { ax.legend = .upperRight }
        return ax
    }
}
