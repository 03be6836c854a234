import XCTest
@testable import Plotting

final class MarchingSquaresTests: XCTestCase {
    /// Row-major values [bl, br, tl, tr] of a 2 × 2 saddle: bl = 1, br = 0, tl = 0, tr = 1.
    let saddle: [Double] = [1, 0, 0, 1]

    /// Level set x² + y² = 1: on an edge of length h the quadratic f deviates from its linear
    /// interpolant by at most f''·h²/8 = h²/4, so every traced point has |r² − 1| ≤ h²/4.
    func testCircleLevelSetWithinGridStepBound() throws {
        let n = 81
        let grid = try Grid2D(nx: n, ny: n, x: -2...2, y: -2...2) { $0 * $0 + $1 * $1 }
        let h = grid.dx
        let interpolationBound = h * h / 4
        let lines = MarchingSquares.lines(grid, level: 1)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(lines.first?.closed, true)
        let points = lines.flatMap(\.points)
        XCTAssertGreaterThan(points.count, 40)
        for p in points {
            XCTAssertLessThanOrEqual(abs(p.x * p.x + p.y * p.y - 1), interpolationBound + 1e-12)
        }
    }

    func testTwoSeparatedBumpsGiveTwoClosedLoops() throws {
        let grid = try Grid2D(nx: 60, ny: 40, x: -3...3, y: -2...2) { x, y in
            exp(-((x + 1.5) * (x + 1.5) + y * y)) + exp(-((x - 1.5) * (x - 1.5) + y * y))
        }
        let lines = MarchingSquares.lines(grid, level: 0.5)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy(\.closed))
        // One loop around each centre: mean x of the loops is near ±1.5.
        let centres = lines.map { l in l.points.map(\.x).reduce(0, +) / Double(l.points.count) }.sorted()
        XCTAssertEqual(centres[0], -1.5, accuracy: 0.05)
        XCTAssertEqual(centres[1], 1.5, accuracy: 0.05)
    }

    func testLevelSetLeavingTheGridGivesAnOpenStrip() throws {
        let grid = try Grid2D(nx: 10, ny: 10, x: 0...1, y: 0...1) { x, _ in x }
        let lines = MarchingSquares.lines(grid, level: 0.55)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(lines[0].closed, false)
        XCTAssertEqual(lines[0].points.count, 10)
        for p in lines[0].points { XCTAssertEqual(p.x, 0.55, accuracy: 1e-12) }
    }

    /// One saddle cell: corners bl = 1, br = 0, tr = 1, tl = 0, centre mean 0.5.
    /// Crossings by hand: bottom (1→0) at x = 1 − t, right (0→1) at y = t, etc.
    func testSaddleResolvedByCentreValue() throws {
        let grid = try Grid2D(nx: 2, ny: 2, x: 0...1, y: 0...1, values: saddle)
        // Level 0.4 < centre: the high corners join through the middle, cutting off br and tl.
        let low = MarchingSquares.lines(grid, level: 0.4).map { Set($0.points.map { [$0.x, $0.y] }) }
        XCTAssertEqual(Set(low), [Set([[0.6, 0], [1, 0.4]]), Set([[0, 0.6], [0.4, 1]])])
        // Level 0.6 > centre: the low corners join, cutting off bl and tr.
        let high = MarchingSquares.lines(grid, level: 0.6).map { Set($0.points.map { [$0.x, $0.y] }) }
        XCTAssertEqual(Set(high), [Set([[0, 0.4], [0.4, 0]]), Set([[1, 0.6], [0.6, 1]])])
    }

    /// Filled bands in the same saddle cell agree with the lines: the centre belongs to the
    /// band holding the centre value.
    func testFilledSaddleAgreesWithLineRule() throws {
        let grid = try Grid2D(nx: 2, ny: 2, x: 0...1, y: 0...1, values: saddle)
        let bands = FilledContours.bands(grid, levels: [0, 0.4, 1])
        let centre = DataPoint(0.5, 0.5)
        XCTAssertEqual(bands[0].polygons.filter { Polygon.contains($0, centre) }.count, 0)
        XCTAssertEqual(bands[1].polygons.filter { Polygon.contains($0, centre) }.count, 1)
    }
}
