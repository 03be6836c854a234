/// One step of a path in device coordinates.
public enum PathElement: Equatable, Sendable {
    case move(Point)
    case line(Point)
    case close
}

/// A sequence of sub-paths in device coordinates, the only geometry a `Canvas` receives.
public struct Path: Equatable, Sendable {
    public private(set) var elements: [PathElement] = []

    public init() {}

    /// A polyline through `points`, closed when `closed` is true.
    public init(points: [Point], closed: Bool = false) {
        append(points: points, closed: closed)
    }

    /// An axis-aligned rectangle.
    public init(rect r: Rect) {
        append(points: [Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), Point(r.minX, r.maxY)],
               closed: true)
    }

    public mutating func move(to p: Point) { elements.append(.move(p)) }
    public mutating func line(to p: Point) { elements.append(.line(p)) }
    public mutating func close() { elements.append(.close) }

    /// Appends a sub-path through `points`.
    public mutating func append(points: [Point], closed: Bool) {
        guard let first = points.first else { return }
        elements.reserveCapacity(elements.count + points.count + 1)
        elements.append(.move(first))
        for p in points.dropFirst() { elements.append(.line(p)) }
        if closed { elements.append(.close) }
    }

    public var isEmpty: Bool { elements.isEmpty }

    /// Every vertex of the path, for bounds checks in tests.
    public var points: [Point] {
        elements.compactMap {
            switch $0 {
            case .move(let p), .line(let p): return p
            case .close: return nil
            }
        }
    }

    /// The bounding box of the vertices, or nil for an empty path.
    public var bounds: Rect? {
        let ps = points
        guard let f = ps.first else { return nil }
        var x0 = f.x, x1 = f.x, y0 = f.y, y1 = f.y
        for p in ps { x0 = min(x0, p.x); x1 = max(x1, p.x); y0 = min(y0, p.y); y1 = max(y1, p.y) }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
