import Foundation
import Plotting

/// One case of Figure `lemma2`: a' and p after the trained layer, with the test result.
struct IndependenceCase {
    var name: String
    var passive: [Double]
    var output: [Double]
    var statistic: Double
    var pValue: Double
    /// A reference density of a' to draw dashed (nil: none), e.g. N(0, 1) for W.
    var reference: ((Double) -> Double)?
    var referenceLabel: String?
}

/// Figure `lemma2`: conditional histograms of a' in a few p-bins, one panel per case.
enum Lemma2Plot {
    static let pBins: [ClosedRange<Double>] = [-2 ... -1, -1 ... 0, 0 ... 1, 1 ... 2]
    static let range = -3.5...3.5

    static func make(cases: [IndependenceCase], histogramBins: Int) -> Figure {
        var fig = Figure(width: 5.0 * Double(cases.count), height: 4.0, rows: 1, columns: cases.count)
        fig.title = "Lemma 2: distribution of a′ in four p-bins after the trained layer"
        for (k, c) in cases.enumerated() {
            var ax = Axes(title: "\(c.name): HSIC = \(String(format: "%.2e", c.statistic)), p = \(String(format: "%.4f", c.pValue))",
                          xLabel: "a′", yLabel: k == 0 ? "density" : nil)
            var top = 0.0
            for (b, bin) in pBins.enumerated() {
                let values = zip(c.passive, c.output).filter { bin.contains($0.0) }.map(\.1)
                let (x, y) = stepHistogram(values, bins: histogramBins)
                top = max(top, y.max() ?? 0)
                ax.line(x: x, y: y, color: Color.cycle(b), width: 1.4,
                        label: "p ∈ [\(fmtBound(bin.lowerBound)), \(fmtBound(bin.upperBound))]")
            }
            if let f = c.reference {
                let xs = stride(from: range.lowerBound, through: range.upperBound, by: 0.01).map { $0 }
                ax.line(x: xs, y: xs.map(f), color: .black, width: 1.2, dash: .dashed, label: c.referenceLabel)
            }
            ax.xLimits = range
            // Headroom above the tallest bar for the legend.
            ax.yLimits = 0...(max(top, 0.1) * 1.75)
            ax.legend = .upperLeft
            fig[0, k] = ax
        }
        return fig
    }

    /// A density-normalised histogram over `range` drawn as a staircase (x: edges, y: heights).
    static func stepHistogram(_ values: [Double], bins: Int) -> (x: [Double], y: [Double]) {
        let lo = range.lowerBound, width = (range.upperBound - lo) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for v in values {
            let k = Int(((v - lo) / width).rounded(.down))
            if k >= 0 && k < bins { counts[k] += 1 }
        }
        let scale = values.isEmpty ? 0 : 1 / (Double(values.count) * width)
        var xs: [Double] = [], ys: [Double] = []
        for k in 0..<bins {
            xs += [lo + Double(k) * width, lo + Double(k + 1) * width]
            ys += [counts[k] * scale, counts[k] * scale]
        }
        return (xs, ys)
    }

    static func fmtBound(_ x: Double) -> String { x < 0 ? "−\(Int(-x))" : "\(Int(x))" }
}
