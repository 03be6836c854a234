/// The region of a grid where lower ≤ value < upper (≤ for the top band), as polygons in data coordinates.
public struct ContourBand: Equatable, Sendable {
    public var lower: Double
    public var upper: Double
    /// Non-overlapping polygons (implicitly closed) whose union is the band.
    public var polygons: [[DataPoint]]
}

/// Filled contours (isobands) by clipping each grid cell against the band limits.
///
/// Values are taken as linear along cell edges, exactly as in `MarchingSquares`, so band borders
/// meet the contour lines' edge crossings. A cell that is a saddle for one of the limits is split
/// into four triangles around its centre (value = mean of the corners), on which the value is
/// linear and clipping is exact; this is the same centre rule the line tracer uses. Every point
/// of a cell with finite corners then falls in exactly one band when the levels span the values.
public enum FilledContours {
    /// A polygon vertex carrying its interpolated value.
    struct Vertex { var x: Double; var y: Double; var v: Double }

    /// Bands between consecutive `levels` (sorted ascending, at least two).
    public static func bands(_ grid: Grid2D, levels: [Double]) -> [ContourBand] {
        let lv = levels.sorted()
        guard lv.count >= 2 else { return [] }
        var out = (0..<(lv.count - 1)).map { ContourBand(lower: lv[$0], upper: lv[$0 + 1], polygons: []) }
        for j in 0..<(grid.ny - 1) {
            var run: (band: Int, start: Int)? = nil   // a run of whole cells in one band
            for i in 0..<(grid.nx - 1) {
                let corners = cellCorners(grid, i, j)
                if let b = wholeBand(corners, lv) {
                    if let r = run, r.band == b { continue }
                    if let r = run { out[r.band].polygons.append(rectangle(grid, r.start, i, j)) }
                    run = (b, i)
                    continue
                }
                if let r = run { out[r.band].polygons.append(rectangle(grid, r.start, i, j)); run = nil }
                guard corners.allSatisfy({ $0.v.isFinite }) else { continue }
                clipCell(corners, levels: lv, into: &out)
            }
            if let r = run { out[r.band].polygons.append(rectangle(grid, r.start, grid.nx - 1, j)) }
        }
        return out
    }

    static func cellCorners(_ g: Grid2D, _ i: Int, _ j: Int) -> [Vertex] {
        [Vertex(x: g.x(i), y: g.y(j), v: g[i, j]), Vertex(x: g.x(i + 1), y: g.y(j), v: g[i + 1, j]),
         Vertex(x: g.x(i + 1), y: g.y(j + 1), v: g[i + 1, j + 1]), Vertex(x: g.x(i), y: g.y(j + 1), v: g[i, j + 1])]
    }

    /// The band index holding all four corners, or nil when they straddle a level.
    static func wholeBand(_ c: [Vertex], _ lv: [Double]) -> Int? {
        let lo = c.map(\.v).min()!, hi = c.map(\.v).max()!
        guard lo.isFinite, hi.isFinite, lo >= lv[0], hi <= lv[lv.count - 1] else { return nil }
        let b = bandIndex(lo, lv)
        return hi < lv[b + 1] || (b == lv.count - 2 && hi <= lv[b + 1]) ? b : nil
    }

    /// Index k of the band [lv[k], lv[k+1]) containing v (the last band includes its top).
    static func bandIndex(_ v: Double, _ lv: [Double]) -> Int {
        var lo = 0, hi = lv.count - 2
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lv[mid] <= v { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Rectangle covering cells i0..<i1 of row j.
    static func rectangle(_ g: Grid2D, _ i0: Int, _ i1: Int, _ j: Int) -> [DataPoint] {
        [DataPoint(g.x(i0), g.y(j)), DataPoint(g.x(i1), g.y(j)), DataPoint(g.x(i1), g.y(j + 1)), DataPoint(g.x(i0), g.y(j + 1))]
    }

    /// Clips one straddling cell against every band it touches.
    static func clipCell(_ corners: [Vertex], levels lv: [Double], into out: inout [ContourBand]) {
        let vs = corners.map(\.v)
        let lo = vs.min()!, hi = vs.max()!
        let first = lo < lv[0] ? 0 : bandIndex(lo, lv)
        let last = hi > lv[lv.count - 1] ? lv.count - 2 : bandIndex(hi, lv)
        for b in first...last {
            let pieces = isSaddle(vs, lv[b]) || isSaddle(vs, lv[b + 1]) ? triangles(corners) : [corners]
            for piece in pieces {
                let top = b == lv.count - 2
                let clipped = clip(clip(piece, at: lv[b], keepAbove: true), at: lv[b + 1], keepAbove: false,
                                   inclusive: top)
                if clipped.count >= 3 { out[b].polygons.append(clipped.map { DataPoint($0.x, $0.y) }) }
            }
        }
    }

    /// A cell is a saddle for `t` when the corners alternate above/below around the square
    /// (above meaning ≥ t, the same split as `clip`).
    static func isSaddle(_ v: [Double], _ t: Double) -> Bool {
        let a = v.map { $0 >= t }
        return a[0] == a[2] && a[1] == a[3] && a[0] != a[1]
    }

    /// The four triangles (corner, next corner, centre) of a cell.
    static func triangles(_ c: [Vertex]) -> [[Vertex]] {
        let centre = Vertex(x: (c[0].x + c[2].x) / 2, y: (c[0].y + c[2].y) / 2, v: c.map(\.v).reduce(0, +) / 4)
        return (0..<4).map { [c[$0], c[($0 + 1) % 4], centre] }
    }

    /// Sutherland–Hodgman against the half-space v ≥ t, or v < t (v ≤ t when `inclusive`),
    /// interpolating linearly on edges. "v ≥ t" and "v < t" are exact complements, so the two
    /// bands meeting at a level split every cell along the same chord even when corners equal it.
    static func clip(_ poly: [Vertex], at t: Double, keepAbove: Bool, inclusive: Bool = false) -> [Vertex] {
        guard !poly.isEmpty else { return [] }
        func inside(_ p: Vertex) -> Bool { keepAbove ? p.v >= t : (inclusive ? p.v <= t : p.v < t) }
        var out: [Vertex] = []
        out.reserveCapacity(poly.count + 2)
        for k in 0..<poly.count {
            let p = poly[k], q = poly[(k + 1) % poly.count]
            let pin = inside(p), qin = inside(q)
            if pin { out.append(p) }
            if pin != qin {
                let s = (t - p.v) / (q.v - p.v)
                out.append(Vertex(x: p.x + s * (q.x - p.x), y: p.y + s * (q.y - p.y), v: t))
            }
        }
        return out
    }
}
