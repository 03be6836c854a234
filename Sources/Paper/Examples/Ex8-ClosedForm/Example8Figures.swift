import CouplingTheory
import FlowCore
import Foundation
import PlotCairo
import Plotting

/// ex8's figures: fig8a (single-layer gap vs N), ex8-convergence (the trained couplings' training
/// loss), fig8 (held-out NLL vs depth next to ex6/ex7) and fig8b (densities after the last layer).
enum Example8Figures {
    /// Gaps below this are drawn at it (log axis; they are within held-out noise of the bound).
    static let gapFloor = 1e-4
    static let closedFormColor = Color.cycle(DeepMethod.allCases.count)
    static let trainedColor = Color.cycle(DeepMethod.allCases.count + 1)

    /// One panel per density: log₁₀ of the held-out gap to the Theorem 1 bound vs log₂ N, closed form and
    /// trained; the dotted line is the held-out SE at the largest N (gaps below it are not resolved).
    static func drawSingle(_ c: Example8Comparison, to base: URL) throws {
        let densities = c.config.single.densities, columns = 3, rows = (densities.count + columns - 1) / columns
        var fig = Figure(width: 12, height: 3.6 * Double(rows), dpi: 110, rows: rows, columns: columns)
        for (i, d) in densities.enumerated() {
            let (row, col) = (i / columns, i % columns)
            let points = c.single.filter { $0.density == d }.sorted { $0.n < $1.n }
            let x = points.map { log2(Double($0.n)) }
            fig[row, col].line(x: x, y: points.map { log10(max($0.closedForm.gap, gapFloor)) }, color: closedFormColor,
                               marker: .circle, markerSize: 5, label: "closed form")
            let trained = points.filter { $0.trained != nil }
            fig[row, col].line(x: trained.map { log2(Double($0.n)) }, y: trained.map { log10(max($0.trained!.gap, gapFloor)) },
                               color: trainedColor, marker: .square, markerSize: 5, label: "trained (paper protocol)")
            if let se = points.last?.closedForm.gapSE {
                fig[row, col].horizontalLine(y: log10(se), color: .black, width: 1, dash: .dotted, label: "paired SE, largest N")
            }
            fig[row, col].xTicks = x
            fig[row, col].title = d.id
            fig[row, col].xLabel = row == rows - 1 ? "log₂ N (samples)" : nil
            fig[row, col].yLabel = col == 0 ? "log₁₀ gap to Theorem 1 [nats]" : nil
            fig[row, col].showGrid = true
            fig[row, col].legend = i == 0 ? .lowerLeft : nil
        }
        try fig.savePNGAndSVG(base: base)
    }

    /// The trained couplings' training loss minus the Theorem 1 bound per step (one line per N), so
    /// that their convergence is visible; below zero = fitting the N training samples beyond the bound.
    static func drawConvergence(_ c: Example8Comparison, to base: URL) throws {
        let densities = c.config.single.densities, columns = 3, rows = (densities.count + columns - 1) / columns
        var fig = Figure(width: 12, height: 3.6 * Double(rows), dpi: 110, rows: rows, columns: columns)
        for (i, d) in densities.enumerated() {
            let (row, col) = (i / columns, i % columns)
            let points = c.single.filter { $0.density == d && $0.trained != nil }.sorted { $0.n < $1.n }
            for (k, p) in points.enumerated() {
                let loss = p.trained!.trainingLoss
                // Mean over windows of 32 steps: single batches are noisy at small N.
                let w = 32, windows = loss.count / w
                let y = (0..<windows).map { j in loss[(j * w)..<((j + 1) * w)].reduce(0, +) / Double(w) - p.bound }
                fig[row, col].line(x: (0..<windows).map { Double(($0 + 1) * w) }, y: y, color: Color.cycle(k), label: "N = \(p.n)")
            }
            fig[row, col].horizontalLine(y: 0, color: .black, width: 1, dash: .dotted)
            fig[row, col].yLimits = -0.1...0.3
            fig[row, col].title = d.id
            fig[row, col].xLabel = row == rows - 1 ? "training step" : nil
            fig[row, col].yLabel = col == 0 ? "training loss − bound [nats]" : nil
            fig[row, col].showGrid = true
            fig[row, col].legend = .upperRight
        }
        try fig.savePNGAndSVG(base: base)
    }

    /// One panel per problem: ex6/ex7's LW-OAS, LW-RND, E2E (mean over seeds, seed range) and the
    /// closed-form flow up to its depth (same held-out samples). KL for the square, NLL for the toys.
    static func drawDepthCurves(_ c: Example8Comparison, to base: URL) throws {
        let columns = 4, rows = (c.deep.count + columns) / columns   // one spare slot for the wall-time panel
        var fig = Figure(width: 16, height: 3.9 * Double(rows), dpi: 110, rows: rows, columns: columns)
        for (i, r) in c.deep.enumerated() {
            let (row, col) = (i / columns, i % columns)
            let o = c.offset(r.id)
            if let t = c.trained(r.id) {
                DeepFigures.depthCurves(&fig[row, col], values: Example8Stage.ex7Methods.compactMap { m in
                    t.methods[m].map { (m, $0.heldOutLossBySeed.map { $0.map { $0 + o } }) }
                })
            }
            let rowsCF = r.lossBySeed.map { $0.map { $0 + o } }
            let mean = DeepStatistics.mean(rowsCF), band = DeepStatistics.range(rowsCF)
            let depths = mean.indices.map { Double($0 + 1) }
            if rowsCF.count > 1 { fig[row, col].band(x: depths, lower: band.lower, upper: band.upper, color: closedFormColor, alpha: 0.2) }
            fig[row, col].line(x: depths, y: mean, color: closedFormColor, marker: .diamond, markerSize: 4, label: "closed form (ex8)")
            fig[row, col].scatter(x: [0], y: [r.identityLoss + o], color: .black, size: 6, shape: .square, label: i == 0 ? "depth 0 (identity)" : nil)
            fig[row, col].xTicks = [0, 1] + stride(from: 4, through: mean.count, by: 4).map(Double.init)
            fig[row, col].title = r.id == "square" ? "square (KL, ex6)" : "\(r.id) (ex7)"
            fig[row, col].yLabel = col == 0 ? "held-out NLL / KL [nats]" : nil
            fig[row, col].legend = i == 0 ? .upperRight : nil
        }
        // The spare slot: CPU seconds per run, the closed form's next to the trained methods' (ex6/ex7's job records).
        let k = c.deep.count, (row, col) = (k / columns, k % columns)
        fig[row, col].xLimits = 0...1
        fig[row, col].yLimits = 0...1
        fig[row, col].xTicks = []
        fig[row, col].yTicks = []
        fig[row, col].title = "CPU s per run: closed form | LW-OAS | E2E"
        for (i, r) in c.deep.enumerated() {
            let cpu = { (m: DeepMethod) in c.trained(r.id)?.methods[m]?.cpuSecondsPerRun.map { ProseNumber.fmt($0, 0) } ?? "—" }
            fig[row, col].text("\(r.id): \(ProseNumber.fmt(r.meanSeconds, 1)) | \(cpu(.lwOAS)) | \(cpu(.e2e))",
                               x: 0.06, y: 0.88 - 0.11 * Double(i), fontSize: 10)
        }
        try fig.savePNGAndSVG(base: base)
    }

    /// Top row: held-out data; bottom row: the model density after the last closed-form layer (seed 0),
    /// one column per problem, one extent and colour scale (as ex7's fig6).
    static func drawDensities(_ c: Example8Comparison, to base: URL) throws {
        let e = c.config.ex7.extent, extent = -e...e
        let grids = try c.deep.map { r -> [Grid2D] in
            let test = c.trained(r.id)?.testSet ?? Matrix(rows: 0, cols: 2)
            return [try DeepFigures.histogramGrid(test, extent: extent, bins: c.config.ex7.histogramBins),
                    try DeepFigures.densityGrid(r.runs[0].flow, extent: extent, points: c.config.ex7.gridPoints)]
        }
        let vmax = DeepFigures.commonScale(grids.flatMap { $0 })
        var fig = Figure(width: 2.3 * Double(c.deep.count) + 0.9, height: 4.4, dpi: 100, rows: 2, columns: c.deep.count)
        for (col, r) in c.deep.enumerated() {
            for row in 0..<2 {
                let title = row == 0 ? "\(r.id): data" : "closed form, L = \(r.runs[0].heldOutLoss.count)"
                DeepFigures.densityPanel(&fig[row, col], grid: grids[col][row], extent: extent, vmax: vmax,
                                         title: title, colorbar: col == c.deep.count - 1)
                fig[row, col].hideXTickLabels = row == 0
                fig[row, col].hideYTickLabels = col > 0
                fig[row, col].xTicks = [-2, 0, 2]
                fig[row, col].yTicks = [-2, 0, 2]
                fig[row, col].xLabel = row == 1 ? "x₁" : nil
                fig[row, col].yLabel = col == 0 ? "x₂" : nil
            }
        }
        try fig.savePNGAndSVG(base: base)
    }
}
