import XCTest
@testable import Plotting

final class ColorAndImageTests: XCTestCase {
    /// 8-bit colour channels: one step is 1/255.
    let channelTolerance = 0.5 / 255

    /// viridis starts at #440154 and ends at #fde725 (its published end points).
    func testViridisEndPoints() {
        let lo = Colormap.viridis.color(at: 0), hi = Colormap.viridis.color(at: 1)
        XCTAssertEqual(lo.red, 0x44 / 255.0, accuracy: channelTolerance)
        XCTAssertEqual(lo.green, 0x01 / 255.0, accuracy: channelTolerance)
        XCTAssertEqual(lo.blue, 0x54 / 255.0, accuracy: channelTolerance)
        XCTAssertEqual(hi.red, 0xfd / 255.0, accuracy: channelTolerance)
        XCTAssertEqual(hi.green, 0xe7 / 255.0, accuracy: channelTolerance)
        XCTAssertEqual(hi.blue, 0x25 / 255.0, accuracy: channelTolerance)
        XCTAssertEqual(Colormap.viridis.anchors.count, 256)
    }

    func testGreyAndDivergingMidpoints() {
        XCTAssertEqual(Colormap.grey.color(at: 0.5).red, 0.5, accuracy: 1e-12)
        // RdBu's middle class is #f7f7f7.
        XCTAssertEqual(Colormap.diverging.color(at: 0.5).green, 0xf7 / 255.0, accuracy: channelTolerance)
        XCTAssertEqual(Color.tab10[0], Color(hex: 0x1f77b4))
        XCTAssertEqual(Color.cycle(10), Color.cycle(0))
    }

    /// Origin at the bottom: row j = 0 (smallest y) is the last image row.
    func testHeatmapImageHasOriginAtTheBottom() throws {
        let grid = try Grid2D(nx: 3, ny: 4, x: 0...1, y: 0...1) { _, y in y }
        let image = HeatmapSeries(grid: grid, colormap: .grey).image()
        XCTAssertEqual(image.width, 3)
        XCTAssertEqual(image.height, 4)
        XCTAssertEqual(image.pixels[0], 255, "top-left pixel is the largest value (white)")
        XCTAssertEqual(image.pixels[(3 * 3) * 4], 0, "bottom-left pixel is the smallest value (black)")
    }

    /// vmin/vmax clamp: values beyond the range take the end colours; NaN stays transparent.
    func testHeatmapClampsAndLeavesNaNTransparent() throws {
        let grid = try Grid2D(nx: 3, ny: 2, x: 0...1, y: 0...1, values: [-5, 0.5, 5, .nan, 0, 1])
        let image = HeatmapSeries(grid: grid, colormap: .grey, vmin: 0, vmax: 1).image()
        // Bottom row (j = 0) is image row 1.
        XCTAssertEqual(image.pixels[(3 + 0) * 4], 0)
        XCTAssertEqual(image.pixels[(3 + 1) * 4], 128)
        XCTAssertEqual(image.pixels[(3 + 2) * 4], 255)
        XCTAssertEqual(image.pixels[0 * 4 + 3], 0, "NaN is transparent")
    }

    /// The default extent centres pixels on nodes: half a step beyond the node range.
    func testHeatmapDefaultExtent() throws {
        let grid = try Grid2D(nx: 5, ny: 3, x: 0...4, y: 0...1, values: Array(repeating: 0, count: 15))
        let h = HeatmapSeries(grid: grid)
        XCTAssertEqual(h.extent, DataRect(xMin: -0.5, xMax: 4.5, yMin: -0.25, yMax: 1.25))
    }
}
