import CouplingTheory
import Foundation
import PlotCairo
import Plotting

/// `ex7-convergence` (and Example 6's panel of the same kind): the validation trace of seed 0 of every
/// method on every problem, each training run drawn as one segment of a curve over cumulative steps.
///
/// Segments that meet the convergence criterion (improvement ≤ tolerance over their last quarter,
/// after the final learning-rate decay) are drawn in the method's colour, the others in black with a
/// cross at their end; each panel's title counts the converged runs of that method over all seeds; rows are problems (y label).
enum ConvergenceFigure {
    static func draw(_ results: [DeepProblemResult], methods: [DeepMethod], config c: DeepRunConfig,
                     nllOffset: Double, entropy: [String: Double], to base: URL) throws {
        var fig = Figure(width: 2.6 * Double(methods.count) + 0.8, height: 2.2 * Double(results.count) + 0.4, dpi: 100,
                         rows: results.count, columns: methods.count)
        for (row, r) in results.enumerated() {
            for (col, m) in methods.enumerated() {
                guard let res = r.methods[m] else { continue }
                let color = Color.cycle(DeepMethod.allCases.firstIndex(of: m)!)
                var offset = 0.0
                for trace in res.seedZeroTraces where !trace.isEmpty {
                    let x = trace.map { (offset + Double($0.step)) / 1000 }, y = trace.map { $0.loss + nllOffset }
                    let ok = c.convergence.isConverged(trace)
                    fig[row, col].line(x: x, y: y, color: ok ? color : Color.black, width: ok ? 1.2 : 1.8)
                    if !ok { fig[row, col].scatter(x: [x.last!], y: [y.last!], color: Color.black, size: 6, shape: .cross) }
                    offset += Double(trace.last!.step)
                }
                if let h = entropy[r.id] { fig[row, col].horizontalLine(y: h, color: .black, width: 0.8, dash: .dotted) }
                fig[row, col].title = "\(m.label): \(res.convergedRuns)/\(res.totalRuns) converged"
                fig[row, col].xLabel = row == results.count - 1 ? "training steps [×1000]" : nil
                fig[row, col].yLabel = col == 0 ? "\(r.id): val. loss [nats]" : nil
                fig[row, col].showGrid = true
            }
        }
        try fig.savePNGAndSVG(base: base)
    }
}
