/// Level sets of a `Grid2D` by marching squares.
///
/// Each cell's corners are classified as above (value > level) or not; the level crosses an edge
/// whose ends differ, at the linearly interpolated point. The two ambiguous (saddle) cases are
/// resolved by the cell-centre value, the mean of the four corners: above the level joins the
/// "above" corners through the middle (contourpy's default rule). Segments are then chained
/// through the shared edges into closed loops and open strips.
public enum MarchingSquares {
    /// Edges of a cell, in the order bottom, right, top, left.
    enum Side: Int { case bottom = 0, right, top, left }

    /// Segment table: the pairs of sides crossed for each corner case (bit 0 = bottom left,
    /// 1 = bottom right, 2 = top right, 3 = top left). Saddles 5 and 10 are handled separately.
    static let table: [[(Side, Side)]] = [
        [], [(.left, .bottom)], [(.bottom, .right)], [(.left, .right)],
        [(.right, .top)], [], [(.bottom, .top)], [(.left, .top)],
        [(.top, .left)], [(.bottom, .top)], [], [(.right, .top)],
        [(.left, .right)], [(.bottom, .right)], [(.left, .bottom)], [],
    ]

    /// The contour lines of `grid` at `level`. Cells with a non-finite corner are skipped.
    public static func lines(_ grid: Grid2D, level: Double) -> [ContourLine] {
        var segments: [(Int, Int)] = []   // pairs of global edge ids
        let nx = grid.nx, ny = grid.ny
        for j in 0..<(ny - 1) {
            for i in 0..<(nx - 1) {
                let a = grid[i, j], b = grid[i + 1, j], c = grid[i + 1, j + 1], d = grid[i, j + 1]
                guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
                let code = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0)
                for (s, t) in sides(code: code, centreAbove: (a + b + c + d) / 4 > level) {
                    segments.append((edgeID(s, i, j, nx: nx, ny: ny), edgeID(t, i, j, nx: nx, ny: ny)))
                }
            }
        }
        return SegmentChainer.chain(segments, edgeCount: edgeCount(nx: nx, ny: ny)).map { chain in
            ContourLine(level: level, points: chain.edges.map { crossing(grid, edge: $0, level: level) },
                        closed: chain.closed)
        }
    }

    /// Crossed side pairs for a corner case; saddles use the centre rule.
    static func sides(code: Int, centreAbove: Bool) -> [(Side, Side)] {
        switch code {
        case 5:  // bottom-left and top-right above
            return centreAbove ? [(.bottom, .right), (.top, .left)] : [(.left, .bottom), (.right, .top)]
        case 10: // bottom-right and top-left above
            return centreAbove ? [(.left, .bottom), (.right, .top)] : [(.bottom, .right), (.top, .left)]
        default:
            return table[code]
        }
    }

    static func edgeCount(nx: Int, ny: Int) -> Int { (nx - 1) * ny + nx * (ny - 1) }

    /// Global id of a cell side: horizontal edges first (row-major), then vertical edges.
    static func edgeID(_ side: Side, _ i: Int, _ j: Int, nx: Int, ny: Int) -> Int {
        let horizontal = (nx - 1) * ny
        switch side {
        case .bottom: return j * (nx - 1) + i
        case .top: return (j + 1) * (nx - 1) + i
        case .left: return horizontal + j * nx + i
        case .right: return horizontal + j * nx + i + 1
        }
    }

    /// The point on `edge` where the linear interpolant of its end values equals `level`.
    static func crossing(_ g: Grid2D, edge: Int, level: Double) -> DataPoint {
        let horizontal = (g.nx - 1) * g.ny
        let (i0, j0, i1, j1): (Int, Int, Int, Int)
        if edge < horizontal {
            let j = edge / (g.nx - 1), i = edge % (g.nx - 1)
            (i0, j0, i1, j1) = (i, j, i + 1, j)
        } else {
            let e = edge - horizontal, j = e / g.nx, i = e % g.nx
            (i0, j0, i1, j1) = (i, j, i, j + 1)
        }
        let v0 = g[i0, j0], v1 = g[i1, j1]
        let t = v1 != v0 ? min(max((level - v0) / (v1 - v0), 0), 1) : 0.5
        return DataPoint(g.x(i0) + t * (g.x(i1) - g.x(i0)), g.y(j0) + t * (g.y(j1) - g.y(j0)))
    }
}
