import XCTest
@testable import Plotting

/// Polygon helpers written independently of the code under test.
enum Polygon {
    /// Shoelace area (absolute).
    static func area(_ p: [DataPoint]) -> Double {
        var s = 0.0
        for k in p.indices {
            let a = p[k], b = p[(k + 1) % p.count]
            s += a.x * b.y - b.x * a.y
        }
        return abs(s) / 2
    }

    /// Even–odd ray casting.
    static func contains(_ p: [DataPoint], _ q: DataPoint) -> Bool {
        var inside = false
        var j = p.count - 1
        for i in p.indices {
            let a = p[i], b = p[j]
            if (a.y > q.y) != (b.y > q.y), q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }
}

final class FilledContoursTests: XCTestCase {
    /// Sums of many small polygon areas: allow relative rounding of this size.
    let areaTolerance = 1e-9

    /// A field with many saddles and extrema.
    func wavyGrid() throws -> Grid2D {
        try Grid2D(nx: 31, ny: 25, x: -3...3, y: -2...2) { x, y in sin(2.1 * x) * cos(2.7 * y) + 0.3 * x }
    }

    func testBandsCoverTheGridAreaExactlyOnce() throws {
        let grid = try wavyGrid()
        let range = try XCTUnwrap(grid.finiteRange)
        let levels = ContourLevels.covering(range, count: 9)
        XCTAssertLessThanOrEqual(levels.first!, range.lowerBound)
        XCTAssertGreaterThanOrEqual(levels.last!, range.upperBound)
        let bands = FilledContours.bands(grid, levels: levels)
        let total = bands.flatMap(\.polygons).map(Polygon.area).reduce(0, +)
        XCTAssertEqual(total, 6 * 4, accuracy: 6 * 4 * areaTolerance)

        // Every sample point (Halton, so never exactly on a border) lies in exactly one polygon.
        for k in 1...600 {
            let q = DataPoint(-3 + 6 * GalleryData.halton(k, base: 2), -2 + 4 * GalleryData.halton(k, base: 3))
            let hits = bands.flatMap(\.polygons).filter { Polygon.contains($0, q) }.count
            XCTAssertEqual(hits, 1, "point \(q)")
        }
    }

    /// A point in band [lo, hi] has a value between lo and hi wherever the field is linear
    /// (here everywhere: f = x + 2y is reproduced exactly by edge interpolation).
    func testBandsOfALinearFieldHoldTheirValues() throws {
        let grid = try Grid2D(nx: 11, ny: 11, x: 0...1, y: 0...1) { x, y in x + 2 * y }
        let bands = FilledContours.bands(grid, levels: [0, 0.5, 1, 1.5, 2, 2.5, 3])
        for k in 1...300 {
            let q = DataPoint(GalleryData.halton(k, base: 2), GalleryData.halton(k, base: 3))
            let v = q.x + 2 * q.y
            let band = bands.firstIndex { $0.polygons.contains { Polygon.contains($0, q) } }
            let b = try XCTUnwrap(band, "point \(q) in no band")
            XCTAssertGreaterThanOrEqual(v, bands[b].lower - 1e-12)
            XCTAssertLessThanOrEqual(v, bands[b].upper + 1e-12)
        }
    }

    func testAutomaticLevelsAreNiceAndInside() {
        assertClose(ContourLevels.automatic(0...1, count: 4), [0.2, 0.4, 0.6, 0.8])
        assertClose(ContourLevels.covering(0.03...0.97, count: 5), [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    }

    /// Level values are integer multiples of a step; compare up to rounding of that product.
    func assertClose(_ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, "\(a) vs \(b)", file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-12, file: file, line: line) }
    }
}

/// Merged band outlines fill exactly what the tiles fill (non-zero winding).
final class BandOutlineTests: XCTestCase {
    /// Winding number of closed rings around q (independent crossing-number formulation).
    func winding(_ rings: [[DataPoint]], _ q: DataPoint) -> Int {
        var w = 0
        for r in rings {
            for i in r.indices {
                let a = r[i], b = r[(i + 1) % r.count]
                let side = (b.x - a.x) * (q.y - a.y) - (q.x - a.x) * (b.y - a.y)
                if a.y <= q.y, b.y > q.y, side > 0 { w += 1 }
                if a.y > q.y, b.y <= q.y, side < 0 { w -= 1 }
            }
        }
        return w
    }

    func testOutlinesCoverTheSamePointsWithFewerVertices() throws {
        let grid = try Grid2D(nx: 31, ny: 25, x: -3...3, y: -2...2) { x, y in sin(2.1 * x) * cos(2.7 * y) + 0.3 * x }
        let series = FilledContourSeries(grid: grid, automaticCount: 9)
        for (band, rings) in zip(series.bands, series.outlines) {
            let tileVertices = band.polygons.map(\.count).reduce(0, +)
            let ringVertices = rings.map(\.count).reduce(0, +)
            XCTAssertLessThan(ringVertices, tileVertices)
            for k in 1...300 {
                let q = DataPoint(-3 + 6 * GalleryData.halton(k, base: 2), -2 + 4 * GalleryData.halton(k, base: 3))
                let inTiles = band.polygons.contains { Polygon.contains($0, q) }
                XCTAssertEqual(winding(rings, q) != 0, inTiles, "band [\(band.lower), \(band.upper)] at \(q)")
            }
        }
    }
}
