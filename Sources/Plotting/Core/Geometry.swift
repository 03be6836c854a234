/// A point in device coordinates: points (1/72 inch), origin at the top left, y growing downwards.
public struct Point: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// A size in points.
public struct Size: Equatable, Sendable {
    public var width: Double
    public var height: Double
    public init(width: Double, height: Double) { self.width = width; self.height = height }
}

/// An axis-aligned rectangle in device coordinates (`y` is the top edge).
public struct Rect: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var minX: Double { x }
    public var maxX: Double { x + width }
    public var minY: Double { y }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }
    public var area: Double { width * height }

    /// True when `other` lies inside this rectangle, allowing `slack` points of rounding.
    public func contains(_ other: Rect, slack: Double = 1e-6) -> Bool {
        other.minX >= minX - slack && other.maxX <= maxX + slack
            && other.minY >= minY - slack && other.maxY <= maxY + slack
    }

    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// True when the two rectangles share interior area (touching edges do not count).
    public func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// The rectangle grown by `d` points on every side (shrunk for negative `d`).
    public func insetBy(_ d: Double) -> Rect {
        Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }

    /// The smallest rectangle holding both.
    public func union(_ o: Rect) -> Rect {
        let x0 = Swift.min(minX, o.minX), y0 = Swift.min(minY, o.minY)
        let x1 = Swift.max(maxX, o.maxX), y1 = Swift.max(maxY, o.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

/// A rectangle in data coordinates (x to the right, y upwards).
public struct DataRect: Equatable, Sendable {
    public var xMin: Double, xMax: Double, yMin: Double, yMax: Double
    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
        self.xMin = xMin; self.xMax = xMax; self.yMin = yMin; self.yMax = yMax
    }
    /// The bounds of two data rectangles together.
    public func union(_ o: DataRect) -> DataRect {
        DataRect(xMin: Swift.min(xMin, o.xMin), xMax: Swift.max(xMax, o.xMax),
                 yMin: Swift.min(yMin, o.yMin), yMax: Swift.max(yMax, o.yMax))
    }
    /// The bounds of finite points, or nil when there are none.
    public static func bounding(xs: [Double], ys: [Double]) -> DataRect? {
        var r: DataRect?
        for (x, y) in zip(xs, ys) where x.isFinite && y.isFinite {
            let p = DataRect(xMin: x, xMax: x, yMin: y, yMax: y)
            r = r.map { $0.union(p) } ?? p
        }
        return r
    }
}
