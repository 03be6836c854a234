import CouplingTheory
import FlowCore
import Foundation
import PlotCairo
import Plotting

/// Fig. 6 (densities after L blocks, seed 0) and fig7 (held-out NLL vs depth) of Example 7.
enum Example7Figures {
    /// Columns = toys; top row the held-out data as a 2D histogram, then one row per method. One
    /// extent and one colour scale for all panels (the toys are rescaled to unit variance, so their
    /// densities are comparable); the colorbar sits beside the last column of every row.
    static func drawDensities(_ results: [DeepProblemResult], config: Example7Stage.Config, to base: URL) throws {
        let methods = Example7Stage.methods
        let e = config.extent, extent = -e...e
        let grids = try results.map { r -> [Grid2D] in
            let data = try DeepFigures.histogramGrid(r.testSet, extent: extent, bins: config.histogramBins)
            return try [data] + methods.map { m -> Grid2D in
                guard let flow = try r.methods[m]?.seedZeroFlow(depth: config.run.depth) else {
                    throw DeepStageError.invalidConfig("no \(m.label) flow for \(r.id)")
                }
                return try DeepFigures.densityGrid(flow, extent: extent, points: config.gridPoints)
            }
        }
        let vmax = DeepFigures.commonScale(grids.flatMap { $0 })
        var fig = Figure(width: 2.3 * Double(results.count) + 0.9, height: 2.1 * Double(methods.count + 1),
                         dpi: 100, rows: methods.count + 1, columns: results.count)
        for (col, r) in results.enumerated() {
            for row in 0...methods.count {
                let title = row == 0 ? "\(r.id): data" : methods[row - 1].label
                DeepFigures.densityPanel(&fig[row, col], grid: grids[col][row], extent: extent, vmax: vmax,
                                         title: title, colorbar: col == results.count - 1)
                fig[row, col].hideXTickLabels = row < methods.count
                fig[row, col].hideYTickLabels = col > 0
                fig[row, col].xTicks = [-2, 0, 2]
                fig[row, col].yTicks = [-2, 0, 2]
                fig[row, col].xLabel = row == methods.count ? "x₁" : nil
                fig[row, col].yLabel = col == 0 ? "x₂" : nil
            }
        }
        try fig.savePNGAndSVG(base: base)
    }

    /// One panel per toy: held-out NLL (nats, incl. log 2π) vs depth, mean over seeds with the seed range;
    /// a dotted line at the data's entropy H[μ] where it is known (NLL ≥ H).
    static func drawCurves(_ results: [DeepProblemResult], nllOffset: Double, entropy: [String: Double],
                           depthOneBounds: [[DepthOneBound]], to base: URL) throws {
        let columns = 3, rows = (results.count + columns - 1) / columns
        var fig = Figure(width: 13, height: 3.9 * Double(rows), dpi: 110, rows: rows, columns: columns)
        for (i, r) in results.enumerated() {
            let (row, col) = (i / columns, i % columns)
            DeepFigures.depthCurves(&fig[row, col], values: Example7Stage.methods.map { m in
                (m, r.methods[m]!.heldOutLossBySeed.map { $0.map { $0 + nllOffset } })
            })
            // Depth 0: the identity map, the same start for every method.
            fig[row, col].scatter(x: [0], y: [r.identityLoss + nllOffset], color: .black, size: 6, shape: .square,
                                  label: i == 0 ? "depth 0 (identity)" : nil)
            // Theorem 1 at depth 1: each method's bound for its own first rotation (seed 0), a short
            // dashed tick in the method's colour; the curve's depth-1 point cannot lie below it.
            for b in depthOneBounds[i] {
                let y = b.bound + nllOffset, color = Color.cycle(DeepMethod.allCases.firstIndex(of: b.method)!)
                fig[row, col].line(x: [0.6, 1.4], y: [y, y], color: color, width: 2, dash: .dashed,
                                   label: i == 0 && b.method == depthOneBounds[i].first?.method ? "Theorem 1 bound at depth 1 (dashed)" : nil)
            }
            if let h = entropy[r.id] {
                fig[row, col].horizontalLine(y: h, color: .black, width: 1, dash: .dotted, label: "entropy H[μ]")
                // Keep the entropy line in view: NLL approaches it from above.
                let values = r.methods.values.flatMap { $0.heldOutLossBySeed.flatMap { $0 } }.filter(\.isFinite).map { $0 + nllOffset }
                let top = max(values.max() ?? h, r.identityLoss + nllOffset), bottom = min(values.min() ?? h, h)
                let pad = 0.05 * (top - bottom)
                fig[row, col].yLimits = (bottom - pad)...(top + pad)
            }
            fig[row, col].xTicks = DeepFigures.depthTicks(r.methods[.lwOAS]?.meanLoss.count ?? 1, from: 0)
            fig[row, col].title = r.id
            fig[row, col].yLabel = col == 0 ? "held-out NLL [nats]" : nil
            fig[row, col].legend = i == 0 ? .upperRight : nil
        }
        try fig.savePNGAndSVG(base: base)
    }
}
