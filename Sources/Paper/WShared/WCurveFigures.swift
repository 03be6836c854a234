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

    /// Fig. 2e: per p-bin mean and std of a', with the targets 0 and 1 and the accepted bands.
    public static func binnedMoments(_ b: BinnedActiveMoments, meanTolerance: Double, stdTolerance: Double,
                                     title: String) -> Figure {
        var fig = Figure(width: 6.4, height: 4.2)
        let lo = (b.centers.first ?? 0) - 0.2, hi = (b.centers.last ?? 0) + 0.2
        fig.axes.band(x: [lo, hi], lower: [-meanTolerance, -meanTolerance], upper: [meanTolerance, meanTolerance],
                      color: Color.cycle(0), alpha: 0.15, label: "±\(meanTolerance) around 0")
        fig.axes.band(x: [lo, hi], lower: [1 - stdTolerance, 1 - stdTolerance], upper: [1 + stdTolerance, 1 + stdTolerance],
                      color: Color.cycle(1), alpha: 0.15, label: "±\(stdTolerance) around 1")
        fig.axes.horizontalLine(y: 0, color: .black, width: 1, dash: .dashed)
        fig.axes.horizontalLine(y: 1, color: .black, width: 1, dash: .dashed)
        fig.axes.line(x: b.centers, y: b.means, color: Color.cycle(0), marker: .circle, markerSize: 5, label: "mean of a′ per bin")
        fig.axes.line(x: b.centers, y: b.stds, color: Color.cycle(1), marker: .square, markerSize: 5, label: "std of a′ per bin")
        fig.axes.xLimits = lo...hi
        fig.axes.yLimits = -0.5...2.3
        fig.axes.title = title
        fig.axes.xLabel = "p (bin centre)"
        fig.axes.yLabel = "moment of a′ in the bin"
        fig.axes.legend = .upperRight
        return fig
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
}
