/// Text placed at a data point.
public struct TextAnnotation: PlotElement {
    public var text: String
    public var at: DataPoint
    public var fontSize: Double
    public var color: Color
    public var horizontal: HorizontalAnchor
    public var vertical: VerticalAnchor

    public init(_ text: String, at: DataPoint, fontSize: Double = 10, color: Color = .black,
                horizontal: HorizontalAnchor = .left, vertical: VerticalAnchor = .baseline) {
        self.text = text; self.at = at; self.fontSize = fontSize; self.color = color
        self.horizontal = horizontal; self.vertical = vertical
    }

    public var dataBounds: DataRect? { nil }
    public var coverageSamples: [DataPoint] { [at] }

    public func draw(in ctx: PlotContext) {
        ctx.canvas.drawText(text, at: ctx.point(at.x, at.y), font: Font(family: ctx.style.fontFamily, size: fontSize),
                            color: color, horizontal: horizontal, vertical: vertical, rotationDegrees: 0)
    }
}
