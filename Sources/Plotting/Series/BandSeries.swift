/// The region between two curves over shared x (matplotlib `fill_between`), e.g. mean ± σ.
public struct BandSeries: PlotElement {
    public var xs: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var color: Color
    public var label: String?

    public init(xs: [Double], lower: [Double], upper: [Double], color: Color, label: String? = nil) {
        self.xs = xs; self.lower = lower; self.upper = upper; self.color = color; self.label = label
    }

    public var dataBounds: DataRect? {
        guard let a = DataRect.bounding(xs: xs, ys: lower), let b = DataRect.bounding(xs: xs, ys: upper) else { return nil }
        return a.union(b)
    }
    public var coverageSamples: [DataPoint] { thinned(xs: xs, ys: lower) + thinned(xs: xs, ys: upper) }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, symbol: .patch(color)) } }

    public func draw(in ctx: PlotContext) {
        let n = min(xs.count, lower.count, upper.count)
        let idx = (0..<n).filter { xs[$0].isFinite && lower[$0].isFinite && upper[$0].isFinite }
        guard idx.count >= 2 else { return }
        let top = idx.map { ctx.point(xs[$0], upper[$0]) }
        let bottom = idx.reversed().map { ctx.point(xs[$0], lower[$0]) }
        ctx.canvas.fill(Path(points: top + bottom, closed: true), color: color)
    }
}
