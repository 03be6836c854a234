import FlowCore
import Foundation
import Plotting

/// Figure `ex1a-clamp`: per variant (columns), the read-out σ̂(p) = e^{−s(p)} of every seed against σ(p)
/// (top) and the held-out loss above the Theorem 1 minimum during training (bottom).
enum AblationFigure {
    /// The loss panels' upper limit (nats above the minimum); runs ending above it are counted in the panel.
    static let lossCeiling = 0.6

    static func make(_ summaries: [AblationSummary], density: WDensity) -> Figure {
        let columns = max(summaries.count, 1)
        var fig = Figure(width: 3.4 * Double(columns) + 0.6, height: 7.4, rows: 2, columns: columns)
        fig.title = "Example 1 ablations: read-out σ̂(p) = e^(−s(p)) (top) and held-out loss − Theorem 1 minimum (bottom)"
        let truth = AblationRun.readOutP.map { density.conditionalMoments($0).std }
        let tallest = summaries.flatMap { $0.finite.flatMap(\.readOutStd) }.filter(\.isFinite).max() ?? 0.6
        for (k, s) in summaries.enumerated() {
            let first = k == 0
            var top = Axes(title: s.variant.label, xLabel: "p", yLabel: first ? "σ(p) and read-out σ̂(p)" : nil)
            for t in AblationRun.troughs { top.verticalLine(x: t, color: Color.gridGrey, width: 0.8, dash: .dotted) }
            top.line(x: AblationRun.readOutP, y: truth, color: .black, width: 2.0, dash: .dashed, label: first ? "σ(p) (true)" : nil)
            for (j, run) in s.finite.enumerated() {
                top.line(x: AblationRun.readOutP, y: run.readOutStd, color: Color.cycle(j).withAlpha(0.8), width: 1.2,
                         label: first && j == 0 ? "σ̂(p), one line per seed" : nil)
            }
            let divergedCount = s.runs.filter(\.diverged).count
            if divergedCount > 0 {
                top.text("\(divergedCount) of \(s.runs.count) diverged", x: -1.9, y: 0.05, fontSize: 9, color: Color.cycle(3))
            }
            top.xLimits = -2...2
            top.yLimits = 0...(min(max(tallest, 0.55), 1.2) * 1.3)
            top.hideYTickLabels = !first
            if first { top.legend = .upperRight }
            fig[0, k] = top
            var bottom = Axes(title: "loss − minimum", xLabel: "training step", yLabel: first ? "nats (held-out trace)" : nil)
            bottom.horizontalLine(y: 0, color: .black, width: 1)
            for (j, run) in s.finite.enumerated() {
                bottom.line(x: run.traceSteps.map(Double.init), y: run.traceGap.map { min($0, lossCeiling) }, color: Color.cycle(j), width: 1.2)
            }
            let offScale = s.finite.compactMap(\.gap).filter { $0 > lossCeiling }
            if !offScale.isEmpty {
                let median = offScale.sorted()[offScale.count / 2]
                bottom.text("\(offScale.count) of \(s.runs.count) runs end above \(lossCeiling) nats", x: 150, y: 0.52, fontSize: 9, color: Color.cycle(3))
                bottom.text(String(format: "(median final gap %.3g nats)", median), x: 150, y: 0.47, fontSize: 9, color: Color.cycle(3))
            }
            bottom.xLimits = 0...Double(s.runs.flatMap(\.traceSteps).max() ?? 1)
            bottom.yLimits = -0.02...lossCeiling
            bottom.hideYTickLabels = !first
            bottom.showGrid = true
            fig[1, k] = bottom
        }
        return fig
    }
}
