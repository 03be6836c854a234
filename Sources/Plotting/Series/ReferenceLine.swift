/// A horizontal or vertical line across the whole axes (matplotlib `axhline`/`axvline`).
public struct ReferenceLine: PlotElement {
    public enum Orientation: Equatable, Sendable { case horizontal(y: Double), vertical(x: Double) }
    public var orientation: Orientation
    public var style: StrokeStyle
    public var label: String?

    public init(_ orientation: Orientation, style: StrokeStyle, label: String? = nil) {
        self.orientation = orientation; self.style = style; self.label = label
    }

    /// Constrains only its own coordinate, so the line stays visible under automatic limits.
    public var dataBounds: DataRect? { nil }
    public var legendEntry: LegendEntry? { label.map { LegendEntry(label: $0, symbol: .line(style, nil)) } }

    public func draw(in ctx: PlotContext) {
        let a = ctx.area
        switch orientation {
        case .horizontal(let y):
            let py = ctx.y.map(y)
            ctx.canvas.stroke(Path(points: [Point(a.minX, py), Point(a.maxX, py)]), style: style)
        case .vertical(let x):
            let px = ctx.x.map(x)
            ctx.canvas.stroke(Path(points: [Point(px, a.minY), Point(px, a.maxY)]), style: style)
        }
    }
}
