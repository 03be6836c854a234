import CouplingTheory
import Foundation
import Plotting

/// Line figures of Examples 1–3: Lemma 1 read-out (2b), binned moments (2e), loss traces, Fig. 3.
public enum WCurveFigures {
    /// Fig. 2b: true m(p), σ(p) (solid) and the Lemma 1 read-out m̂, σ̂ from the trained s, t (dashed).
    public static func readOut(_ c: LemmaOneComparison, title: String) -> Figure {
        var fig = Figure(width: 6.4, height: 4.2)
        fig.axes.line(x: c.p, y: c.trueMean, color: Color.cycle(0), label: "m(p), true")
        fig.axes.line(x: c.p, y: c.learntMean, color: Color.cycle(1), dash: .dashed, label: "m̂(p) = −t·exp(−s)")
        fig.axes.line(x: c.p, y: c.trueStd, color: Color.cycle(2), label: "σ(p), true")
        fig.axes.line(x: c.p, y: c.learntStd, color: Color.cycle(3), dash: .dashed, label: "σ̂(p) = exp(−s)")
        fig.axes.xLimits = -2...2
        fig.axes.yLimits = -0.65...0.95
        fig.axes.title = title
        fig.axes.xLabel = "p"
        fig.axes.yLabel = "conditional moment of a | p"
        fig.axes.legend = .upperRight
        fig.axes.showGrid = true
        return fig
    }

    /// Fig. 2e: per p-bin mean (bottom) and std (top) of a', each with its target and a band of ±k standard errors
    /// of that bin (how far a bin of the exact layer strays by sampling alone). Two panels with their own y-range.
    public static func binnedMoments(_ b: BinnedActiveMoments, k: Double, title: String) -> Figure {
        var fig = Figure(width: 6.4, height: 5.4, rows: 2, columns: 1)
        fig.title = title
        let lo = (b.centers.first ?? 0) - 0.2, hi = (b.centers.last ?? 0) + 0.2
        let kText = String(format: "%g", k)
        fig[0, 0] = momentPanel(x: b.centers, y: b.stds, target: 1, halfWidths: b.stdStandardErrors.map { k * $0 },
                                color: Color.cycle(1), marker: .square, name: "std of a′", band: "1 ± \(kText)·SE of the bin (sampling noise)",
                                xRange: lo...hi, xLabel: nil)
        fig[1, 0] = momentPanel(x: b.centers, y: b.means, target: 0, halfWidths: b.meanStandardErrors.map { k * $0 },
                                color: Color.cycle(0), marker: .circle, name: "mean of a′", band: "0 ± \(kText)·SE of the bin (sampling noise)",
                                xRange: lo...hi, xLabel: "p (bin centre)")
        return fig
    }

    /// One Fig. 2e panel: the per-bin values, the target (dashed) and the band of sampling noise around it.
    static func momentPanel(x: [Double], y: [Double], target: Double, halfWidths: [Double], color: Color, marker: MarkerShape,
                            name: String, band: String, xRange: ClosedRange<Double>, xLabel: String?) -> Axes {
        var ax = Axes(title: nil, xLabel: xLabel, yLabel: name + " per bin")
        ax.band(x: x, lower: halfWidths.map { target - $0 }, upper: halfWidths.map { target + $0 }, color: color, alpha: 0.2,
                label: band)
        ax.horizontalLine(y: target, color: .black, width: 1, dash: .dashed)
        ax.line(x: x, y: y, color: color, marker: marker, markerSize: 5, label: name + " in the bin")
        // Room for the band, every point, and the legend above them.
        let reach = max(1.6 * (halfWidths.max() ?? 0), 1.15 * (y.map { abs($0 - target) }.max() ?? 0))
        ax.yLimits = (target - reach)...(target + 1.9 * reach)
        ax.xLimits = xRange
        ax.legend = .upperRight
        ax.showGrid = true
        return ax
    }

    /// Loss traces: the training loss of every step (fresh batch), the held-out trace, the Theorem 1 minimum.
    public static func loss(trained: TrainedSingleCoupling, minimum: Double, title: String) -> Figure {
        var fig = Figure(width: 6.4, height: 4.2)
        let steps = trained.trainingLoss.indices.map { Double($0) }
        fig.axes.line(x: steps, y: trained.trainingLoss, color: Color.cycle(0).withAlpha(0.6), width: 0.8,
                      label: "training loss (batch of the step)")
        fig.axes.line(x: trained.traceSteps.map(Double.init), y: trained.traceLoss, color: Color.cycle(1), width: 1.5,
                      marker: .circle, markerSize: 3.5, label: "held-out loss (fixed set)")
        fig.axes.horizontalLine(y: minimum, color: Color.cycle(3), width: 1.2,
                                label: String(format: "Theorem 1 minimum %.4f", minimum))
        fig.axes.yLimits = (minimum - 0.05)...(minimum + 0.45)
        fig.axes.xLimits = 0...Double(max(trained.trainingLoss.count, 1))
        fig.axes.title = title
        fig.axes.xLabel = "training step"
        fig.axes.yLabel = "ML loss (nats)"
        fig.axes.legend = .upperRight
        fig.axes.showGrid = true
        return fig
    }

    /// The two readings of "E epochs with N samples each" side by side: held-out loss traces against
    /// epochs (samples seen / N), both with the same sample budget, and the Theorem 1 minimum.
    public static func readings(fullBatch: TrainedSingleCoupling, miniBatch: TrainedSingleCoupling, minimum: Double,
                                title: String) -> Figure {
        var fig = Figure(width: 6.4, height: 4.2)
        let n = Double(fullBatch.batchSize)
        let epochs = { (t: TrainedSingleCoupling) in t.traceSteps.map { Double($0 * t.batchSize) / n } }
        fig.axes.line(x: epochs(fullBatch), y: fullBatch.traceLoss, color: Color.cycle(1), width: 1.5, marker: .circle,
                      markerSize: 3, label: "one step of \(fullBatch.batchSize) per epoch")
        fig.axes.line(x: epochs(miniBatch), y: miniBatch.traceLoss, color: Color.cycle(0), width: 1.5, marker: .square,
                      markerSize: 3, label: "\(fullBatch.batchSize / max(miniBatch.batchSize, 1)) steps of \(miniBatch.batchSize) per epoch")
        fig.axes.horizontalLine(y: minimum, color: Color.cycle(3), width: 1.2,
                                label: String(format: "Theorem 1 minimum %.4f", minimum))
        fig.axes.yLimits = (minimum - 0.02)...(minimum + 0.2)
        fig.axes.xLimits = 0...(epochs(fullBatch).last ?? 1)
        fig.axes.title = title
        fig.axes.xLabel = "epoch (samples seen / \(fullBatch.batchSize))"
        fig.axes.yLabel = "held-out ML loss (nats, fixed set)"
        fig.axes.legend = .upperRight
        fig.axes.showGrid = true
        return fig
    }

    /// One Fig. 3 panel: before (grey), after (orange), bound (blue, dashed) against p.
    public static func conditionalKL(_ c: ConditionalKLCurves, into axes: inout Axes, yLabel: String?) {
        axes.line(x: c.p, y: c.before, color: Color(hex: 0x7f7f7f), label: "before training")
        axes.line(x: c.p, y: c.after, color: Color.cycle(1), width: 2.2, label: "after training")
        axes.line(x: c.p, y: c.bound, color: Color.cycle(0), dash: .dashed, label: "Theorem 1 bound")
        axes.xLimits = -2...2
        // Headroom above the curves keeps the legend off the data.
        axes.yLimits = -0.05...(1.5 * (c.before.max() ?? 1))
        axes.xLabel = "p"
        axes.yLabel = yLabel
        axes.title = "\(c.densityName) density"
        axes.legend = .upperRight
        axes.showGrid = true
    }
}
