import Foundation

/// Marker shapes; `diamond` is the one Fig. 4 of the paper uses for OAS choices.
public enum MarkerShape: String, Equatable, Sendable, Codable, CaseIterable {
    case circle, square, diamond, triangleUp, triangleDown, plus, cross, star
}

/// A marker: shape, size (diameter in points, like matplotlib's `markersize`), fill and edge.
public struct Marker: Equatable, Sendable {
    public var shape: MarkerShape
    public var size: Double
    public var fill: Color
    public var edge: Color?
    public var edgeWidth: Double

    public init(_ shape: MarkerShape, size: Double = 6, fill: Color, edge: Color? = nil, edgeWidth: Double = 1) {
        self.shape = shape; self.size = size; self.fill = fill; self.edge = edge; self.edgeWidth = edgeWidth
    }

    /// True for shapes drawn as strokes only (plus, cross).
    var isLineShape: Bool { shape == .plus || shape == .cross }

    /// The outline centred on `c`, in device coordinates.
    public func path(at c: Point) -> Path {
        let r = size / 2
        func polygon(_ n: Int, radius: Double, phase: Double) -> [Point] {
            (0..<n).map { k in
                let a = phase + 2 * Double.pi * Double(k) / Double(n)
                return Point(c.x + radius * cos(a), c.y - radius * sin(a))
            }
        }
        switch shape {
        case .circle: return Path(points: polygon(20, radius: r, phase: 0), closed: true)
        case .square:
            return Path(rect: Rect(x: c.x - r * 0.85, y: c.y - r * 0.85, width: 1.7 * r, height: 1.7 * r))
        case .diamond: return Path(points: polygon(4, radius: r * 1.1, phase: Double.pi / 2), closed: true)
        case .triangleUp: return Path(points: polygon(3, radius: r * 1.1, phase: Double.pi / 2), closed: true)
        case .triangleDown: return Path(points: polygon(3, radius: r * 1.1, phase: -Double.pi / 2), closed: true)
        case .star:
            let pts = (0..<10).map { k -> Point in
                let a = Double.pi / 2 + Double.pi * Double(k) / 5
                let rr = k % 2 == 0 ? r * 1.15 : r * 0.5
                return Point(c.x + rr * cos(a), c.y - rr * sin(a))
            }
            return Path(points: pts, closed: true)
        case .plus:
            var p = Path(points: [Point(c.x - r, c.y), Point(c.x + r, c.y)])
            p.append(points: [Point(c.x, c.y - r), Point(c.x, c.y + r)], closed: false)
            return p
        case .cross:
            let d = r * 0.8
            var p = Path(points: [Point(c.x - d, c.y - d), Point(c.x + d, c.y + d)])
            p.append(points: [Point(c.x - d, c.y + d), Point(c.x + d, c.y - d)], closed: false)
            return p
        }
    }

    /// Draws the marker at `c`.
    public func draw(at c: Point, on canvas: Canvas) {
        let p = path(at: c)
        if isLineShape {
            canvas.stroke(p, style: StrokeStyle(color: edge ?? fill, width: max(edgeWidth, 1.2)))
            return
        }
        canvas.fill(p, color: fill)
        if let e = edge { canvas.stroke(p, style: StrokeStyle(color: e, width: edgeWidth)) }
    }
}
