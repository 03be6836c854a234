import FlowCore
import Foundation
import PlotCairo
import Plotting

/// Fig. 5: model densities of the square after 1, 2, 4, 8 blocks (rows LW-OAS, LW-RND, E2E; seed 0),
/// the target density, KL vs depth with seed bands, and Theorem 1's Δ̂ vs the realised loss decrease.
enum Example6Figure {
    static let extent: ClosedRange<Double> = -1.6...1.6

    static func draw(result r: DeepProblemResult, config: Example6Stage.Config, klOffset: Double, to base: URL) throws {
        let depths = config.figureDepths
        var fig = Figure(width: 13.5, height: 8.4, dpi: 110, rows: 3, columns: depths.count + 1)
        var grids: [[Grid2D]] = []
        for m in Example6Stage.methods {
            grids.append(try depths.map { d in
                guard let flow = try r.methods[m]?.seedZeroFlow(depth: d) else {
                    throw DeepStageError.invalidConfig("no \(m.label) flow of depth \(d) (figure depths must be ≤ depth)")
                }
                return try DeepFigures.densityGrid(flow, extent: extent, points: config.gridPoints)
            })
        }
        let vmax = DeepFigures.commonScale(grids.flatMap { $0 })
        for (row, m) in Example6Stage.methods.enumerated() {
            for (col, d) in depths.enumerated() {
                DeepFigures.densityPanel(&fig[row, col], grid: grids[row][col], extent: extent, vmax: vmax,
                                         title: "\(m.label), \(d) block\(d == 1 ? "" : "s")", colorbar: false)
                fig[row, col].xLabel = row == 2 ? "x₁" : nil
                fig[row, col].yLabel = col == 0 ? "x₂" : nil
            }
        }
        let c = depths.count
        let target = try Grid2D(nx: config.gridPoints, ny: config.gridPoints, x: extent, y: extent) { x, y in
            abs(x) <= 1 && abs(y) <= 1 ? 0.25 : 0
        }
        DeepFigures.densityPanel(&fig[0, c], grid: target, extent: extent, vmax: vmax, title: "target μ = U([−1, 1]²)", colorbar: true)
        fig[0, c].colorbar?.label = "density (all panels)"
        DeepFigures.depthCurves(&fig[1, c], values: Example6Stage.methods.map { m in
            (m, r.methods[m]!.heldOutLossBySeed.map { $0.map { $0 + klOffset } })
        })
        fig[1, c].yLabel = "KL(T♯μ ‖ N) [nats]"
        fig[1, c].title = "KL vs depth (mean, seed range)"
        fig[1, c].legend = .upperRight
        deltaPanel(&fig[2, c], result: r)
        try fig.savePNGAndSVG(base: base)
    }

    /// Seed 0 of LW-OAS: Δ̂(Q_l) of the chosen rotation (Theorem 1: the largest loss decrease block l
    /// can achieve) beside the decrease it achieved on held-out samples.
    static func deltaPanel(_ axes: inout Axes, result r: DeepProblemResult) {
        guard let oas = r.methods[.lwOAS], let losses = oas.heldOutLossBySeed.first else { return }
        let previous = [r.identityLoss] + losses.dropLast()
        let decrease = zip(previous, losses).map { $0 - $1 }
        let depths = (1...losses.count).map(Double.init)
        axes.line(x: depths, y: oas.seedZeroDeltas, color: Color.cycle(0), dash: .dashed, marker: .square, markerSize: 4,
                  label: "bound Δ of chosen Qₗ")
        axes.line(x: depths, y: decrease, color: Color.cycle(3), marker: .circle, markerSize: 4, label: "achieved decrease")
        axes.title = "LW-OAS: Theorem 1 bound"
        axes.xTicks = DeepFigures.depthTicks(losses.count)
        axes.xLabel = "depth (coupling blocks)"
        axes.yLabel = "loss decrease [nats]"
        axes.legend = .upperRight
        // Headroom above the curves so the legend sits clear of them.
        let top = (oas.seedZeroDeltas + decrease).filter(\.isFinite).max() ?? 1
        axes.yLimits = min(0, decrease.min() ?? 0)...(1.6 * max(top, 1e-3))
        axes.showGrid = true
    }
}
