/// Scattered markers with one colour, size and alpha (matplotlib `scatter`).
public struct ScatterSeries: PlotElement {
    public var xs: [Double]
    public var ys: [Double]
    public var marker: Marker
    public var label: String?

    public init(xs: [Double], ys: [Double], marker: Marker, label: String? = nil) {
        self.xs = xs; self.ys = ys; self.marker = marker; self.label = label
    }

    public var dataBounds: DataRect? { DataRect.bounding(xs: xs, ys: ys) }
    public var coverageSamples: [DataPoint] { thinned(xs: xs, ys: ys) }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, symbol: .marker(marker)) } }

    public func draw(in ctx: PlotContext) {
        for (a, b) in zip(xs, ys) where a.isFinite && b.isFinite { marker.draw(at: ctx.point(a, b), on: ctx.canvas) }
    }
}
