import CouplingTheory
import Foundation
import PlotCairo
import Plotting

/// fig9 (hidden 8-D set) and fig9b (the real table).
enum Example9Figures {
    /// fig9: NLL by depth per method; Δ̂ vs the trained decrease of the candidates (Spearman in the
    /// title, the Theorem 1 bound decrease = Δ dashed); the candidates' training losses; seed 0's
    /// training losses of the three methods.
    static func drawHidden(_ r: Example9Result, to base: URL) throws {
        var fig = Figure(width: 11, height: 8, dpi: 110, rows: 2, columns: 2)
        let h = r.hidden
        depthPanel(&fig[0, 0], h)
        let x = r.candidates.map(\.delta), y = r.candidates.map(\.trainedDecrease)
        let top = (x + y).filter(\.isFinite).max() ?? 1, bottom = min(0, (x + y).filter(\.isFinite).min() ?? 0)
        fig[0, 1].line(x: [bottom, top], y: [bottom, top], color: Color.black, width: 1, dash: .dashed, label: "decrease = Δ̂ (Theorem 1)")
        fig[0, 1].scatter(x: x, y: y, color: Color.cycle(0), size: 7, label: "candidate rotation")
        fig[0, 1].title = "\(r.candidates.count) rotations: Spearman ρ = " + (r.spearman.map { ProseNumber.f3($0, 3) } ?? "n/a")
        fig[0, 1].xLabel = "held-out Δ̂(Q) [nats]"
        fig[0, 1].yLabel = "trained decrease [nats]"
        fig[0, 1].legend = .upperLeft
        fig[0, 1].showGrid = true
        for (c, o) in r.candidates.enumerated() {
            let (sx, sy) = smoothed(o.trainingLoss)
            fig[1, 0].line(x: sx, y: sy, color: Color.cycle(c % 10), width: 1)
        }
        let ok = Int((r.convergedFraction * Double(r.candidates.count)).rounded())
        fig[1, 0].title = "candidate couplings: training loss (\(ok)/\(r.candidates.count) converged)"
        fig[1, 0].xLabel = "Adam step"
        fig[1, 0].yLabel = "training ML loss [nats]"
        fig[1, 0].showGrid = true
        tracePanel(&fig[1, 1], h)
        try fig.savePNGAndSVG(base: base)
    }

    /// fig9b: test NLL by depth per method (seed mean and range), first-layer Δ̂ per split, seed 0's traces.
    static func drawReal(_ r: Example9Result, to base: URL) throws {
        var fig = Figure(width: 14, height: 4.4, dpi: 110, rows: 1, columns: 3)
        let s = r.real
        depthPanel(&fig[0, 0], s, legend: .upperLeft)   // an overfitting split can rise at the right
        let seeds = s.firstLayer.indices.map(Double.init)
        fig[0, 1].scatter(x: seeds, y: s.firstLayer.map(\.generalOAS), color: Color.cycle(0), size: 8, label: "general OAS")
        fig[0, 1].scatter(x: seeds, y: s.firstLayer.map(\.bestRandom), color: Color.cycle(1), size: 8, shape: .square,
                          label: "best of K random")
        fig[0, 1].title = "first layer: held-out Δ̂ per split"
        fig[0, 1].xLabel = "split (seed)"
        fig[0, 1].yLabel = "Δ̂ on the test rows [nats]"
        fig[0, 1].xTicks = seeds
        fig[0, 1].xLimits = -0.5...(Double(max(seeds.count, 1)) - 0.5)
        let v = (s.firstLayer.map(\.generalOAS) + s.firstLayer.map(\.bestRandom)).filter(\.isFinite)
        fig[0, 1].yLimits = min(0, v.min() ?? 0)...(1.4 * max(v.max() ?? 1, 1e-3))
        fig[0, 1].legend = .upperRight
        fig[0, 1].showGrid = true
        tracePanel(&fig[0, 2], s)
        try fig.savePNGAndSVG(base: base)
    }

    /// Mean over seeds with the seed range as a band, depth 0 (the identity) included; E2E only at its depths.
    static func depthPanel(_ axes: inout Axes, _ s: SubspaceSetResult, legend: LegendPlacement = .upperRight) {
        for m in SubspaceSetResult.methods {
            let rows = s.nll[m] ?? [], color = Color.cycle(DeepMethod.allCases.firstIndex(of: m)!)
            let mean = DeepStatistics.mean(rows), band = DeepStatistics.range(rows)
            let kept = mean.indices.filter { mean[$0].isFinite }
            let depths = kept.map(Double.init)
            if rows.count > 1 {
                axes.band(x: depths, lower: kept.map { band.lower[$0] }, upper: kept.map { band.upper[$0] }, color: color, alpha: 0.2)
            }
            axes.line(x: depths, y: kept.map { mean[$0] }, color: color, marker: .circle, markerSize: 4, label: m.label)
        }
        axes.title = "\(s.id): held-out NLL by depth"
        axes.xLabel = "depth (coupling blocks; 0 = identity)"
        axes.xTicks = DeepFigures.depthTicks(s.depth, from: 0)
        axes.yLabel = "NLL [nats per row]"
        axes.legend = legend
        axes.showGrid = true
    }

    /// Seed 0's training losses: layer-wise blocks one after another, E2E flows one after another.
    static func tracePanel(_ axes: inout Axes, _ s: SubspaceSetResult) {
        for m in SubspaceSetResult.methods {
            var offset = 0.0
            for (i, trace) in (s.seedZeroTraces[m] ?? []).enumerated() where !trace.isEmpty {
                let (x, y) = smoothed(trace)
                axes.line(x: x.map { ($0 + offset) / 1000 }, y: y, color: Color.cycle(DeepMethod.allCases.firstIndex(of: m)!), width: 1.2,
                          label: i == 0 ? m.label : nil)
                offset += Double(trace.count)
            }
        }
        axes.title = "seed 0: training loss of each run"
        axes.xLabel = "Adam steps [×1000]"
        axes.yLabel = "training ML loss [nats]"
        axes.legend = .upperRight
        axes.showGrid = true
    }

    /// Moving average over 5 % of the trace, at most 200 points.
    static func smoothed(_ v: [Double]) -> ([Double], [Double]) {
        guard !v.isEmpty else { return ([], []) }
        let w = max(1, v.count / 20), stride = max(1, v.count / 200)
        var x: [Double] = [], y: [Double] = []
        var i = w - 1
        while i < v.count {
            x.append(Double(i + 1)); y.append(v[(i + 1 - w)...i].reduce(0, +) / Double(w))
            i += stride
        }
        return (x, y)
    }
}
