import Foundation

/// A canvas that draws nothing and records every call, for layout tests.
///
/// Text is measured with a simple monospace model (advance 0.6 em per character, ink ascent
/// 0.73 em, descent 0.23 em for strings with descenders), close to DejaVu Sans digits.
public final class RecordingCanvas: Canvas {
    /// One recorded drawing call.
    public enum Call: Equatable {
        case fill(Path, Color)
        case stroke(Path, StrokeStyle)
        /// The text, its unrotated box (for rotation 0) or rotated bounding box, and the rotation.
        case text(String, box: Rect, rotationDegrees: Double)
        case image(width: Int, height: Int, rect: Rect)
        case pushClip(Rect)
        case popClip
    }

    public let size: Size
    public private(set) var calls: [Call] = []

    public init(size: Size) { self.size = size }

    public func fill(_ path: Path, color: Color) { calls.append(.fill(path, color)) }
    public func stroke(_ path: Path, style: StrokeStyle) { calls.append(.stroke(path, style)) }

    public func drawText(_ text: String, at point: Point, font: Font, color: Color,
                         horizontal: HorizontalAnchor, vertical: VerticalAnchor, rotationDegrees: Double) {
        let box = textBox(text, at: point, font: font, horizontal: horizontal, vertical: vertical)
        calls.append(.text(text, box: Self.rotated(box, about: point, degrees: rotationDegrees),
                           rotationDegrees: rotationDegrees))
    }

    public func measure(_ text: String, font: Font) -> TextMetrics {
        let descenders: Set<Character> = ["g", "j", "p", "q", "y", "(", ")", ",", "[", "]"]
        let hasDescender = text.contains { descenders.contains($0) }
        return TextMetrics(width: 0.6 * font.size * Double(text.count), ascent: 0.73 * font.size,
                           descent: hasDescender ? 0.23 * font.size : 0)
    }

    public func drawImage(_ image: RGBAImage, in rect: Rect, smooth: Bool) {
        calls.append(.image(width: image.width, height: image.height, rect: rect))
    }

    public func pushClip(_ rect: Rect) { calls.append(.pushClip(rect)) }
    public func popClip() { calls.append(.popClip) }

    /// Bounding box of `box` rotated counter-clockwise by `degrees` about `p` (y down on screen).
    static func rotated(_ box: Rect, about p: Point, degrees: Double) -> Rect {
        guard degrees != 0 else { return box }
        let a = -degrees * Double.pi / 180
        let corners = [Point(box.minX, box.minY), Point(box.maxX, box.minY),
                       Point(box.maxX, box.maxY), Point(box.minX, box.maxY)].map { q -> Point in
            let dx = q.x - p.x, dy = q.y - p.y
            return Point(p.x + dx * cos(a) - dy * sin(a), p.y + dx * sin(a) + dy * cos(a))
        }
        return Path(points: corners).bounds!
    }

    /// Boxes of all text drawn, with the strings.
    public var textBoxes: [(String, Rect)] {
        calls.compactMap { if case .text(let s, let b, _) = $0 { return (s, b) } else { return nil } }
    }
}
