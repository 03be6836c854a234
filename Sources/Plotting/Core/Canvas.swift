/// A font request: family name and size in points.
public struct Font: Equatable, Sendable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public init(family: String = "DejaVu Sans", size: Double, bold: Bool = false) {
        self.family = family; self.size = size; self.bold = bold
    }
}

/// Measured extents of a string in points: advance width and ink above/below the baseline.
public struct TextMetrics: Equatable, Sendable {
    public var width: Double
    public var ascent: Double
    public var descent: Double
    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width; self.ascent = ascent; self.descent = descent
    }
    public var height: Double { ascent + descent }
}

/// Where the anchor point sits on a string's box.
public enum HorizontalAnchor: Sendable { case left, center, right }
/// Vertical anchor: the ink top, the ink middle, the baseline or the ink bottom.
public enum VerticalAnchor: Sendable { case top, center, baseline, bottom }

/// How a path's outline is drawn. Widths and dash lengths are in points.
public struct StrokeStyle: Equatable, Sendable {
    public var color: Color
    public var width: Double
    public var dash: [Double]
    public var roundCaps: Bool
    public init(color: Color, width: Double, dash: [Double] = [], roundCaps: Bool = false) {
        self.color = color; self.width = width; self.dash = dash; self.roundCaps = roundCaps
    }
}

/// A straight-alpha RGBA8 raster, rows top to bottom, used for heatmaps and colorbars.
public struct RGBAImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: r, g, b, a per pixel, row 0 at the top.
    public var pixels: [UInt8]
    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width; self.height = height; self.pixels = pixels
    }
}

/// The narrow drawing contract between the figure model and a device (Cairo, a recorder, …).
///
/// Coordinates are points (1/72 inch) with the origin at the top left; the device maps them to
/// pixels or vector units. Everything above this protocol works in data or layout space and
/// hands the canvas only device-space primitives.
public protocol Canvas: AnyObject {
    /// The drawable size in points.
    var size: Size { get }
    /// Fills the path (non-zero winding) with `color`.
    func fill(_ path: Path, color: Color)
    /// Strokes the path's outline.
    func stroke(_ path: Path, style: StrokeStyle)
    /// Draws `text` with its anchor point at `point`, rotated counter-clockwise by `degrees`
    /// about that point.
    func drawText(_ text: String, at point: Point, font: Font, color: Color,
                  horizontal: HorizontalAnchor, vertical: VerticalAnchor, rotationDegrees: Double)
    /// Measures `text` unrotated.
    func measure(_ text: String, font: Font) -> TextMetrics
    /// Draws `image` scaled into `rect`; `smooth` chooses bilinear over nearest-neighbour sampling.
    func drawImage(_ image: RGBAImage, in rect: Rect, smooth: Bool)
    /// Restricts drawing to `rect` until the matching `popClip()`.
    func pushClip(_ rect: Rect)
    func popClip()
}

extension Canvas {
    /// The rectangle a string occupies when drawn unrotated with the given anchors.
    public func textBox(_ text: String, at p: Point, font: Font,
                        horizontal: HorizontalAnchor, vertical: VerticalAnchor) -> Rect {
        textBox(measure(text, font: font), at: p, horizontal: horizontal, vertical: vertical)
    }

    /// The box of already measured text placed at `p` with the given anchors.
    public func textBox(_ m: TextMetrics, at p: Point,
                        horizontal: HorizontalAnchor, vertical: VerticalAnchor) -> Rect {
        let x: Double
        switch horizontal {
        case .left: x = p.x
        case .center: x = p.x - m.width / 2
        case .right: x = p.x - m.width
        }
        let top: Double
        switch vertical {
        case .top: top = p.y
        case .center: top = p.y - m.height / 2
        case .baseline: top = p.y - m.ascent
        case .bottom: top = p.y - m.height
        }
        return Rect(x: x, y: top, width: m.width, height: m.height)
    }
}
