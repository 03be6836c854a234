import XCTest
@testable import Plotting

/// Layout on the recording canvas: nothing leaves the figure, no two labels overlap.
final class LayoutTests: XCTestCase {
    /// Device coordinates are sums of measured sizes; allow this much rounding (points).
    let slack = 1e-6

    func render(_ fig: Figure) throws -> (RecordingCanvas, FigureLayout) {
        let canvas = RecordingCanvas(size: fig.sizeInPoints)
        let layout = try FigureRenderer.draw(fig, on: canvas)
        return (canvas, layout)
    }

    /// Everything drawn outside a clip lies inside the figure; clip rectangles lie inside too.
    func assertInsideFigure(_ fig: Figure, _ canvas: RecordingCanvas, _ name: String) {
        let page = Rect(x: 0, y: 0, width: fig.sizeInPoints.width, height: fig.sizeInPoints.height)
        var depth = 0
        for call in canvas.calls {
            switch call {
            case .pushClip(let r):
                XCTAssertTrue(page.contains(r, slack: slack), "\(name): clip \(r)")
                depth += 1
            case .popClip: depth -= 1
            case .text(let s, let box, _):
                XCTAssertTrue(page.contains(box, slack: slack), "\(name): text '\(s)' at \(box) leaves the figure")
            case .stroke(let path, _) where depth == 0:
                if let b = path.bounds { XCTAssertTrue(page.contains(b, slack: slack), "\(name): stroke \(b)") }
            case .fill(let path, _) where depth == 0:
                if let b = path.bounds { XCTAssertTrue(page.contains(b, slack: slack), "\(name): fill \(b)") }
            case .image(_, _, let r) where depth == 0:
                XCTAssertTrue(page.contains(r, slack: slack), "\(name): image \(r)")
            default: break
            }
        }
        XCTAssertEqual(depth, 0, "\(name): unbalanced clips")
    }

    /// Chrome texts (everything outside plot areas) must not overlap each other or any plot area
    /// they do not belong to.
    func assertNoOverlaps(_ canvas: RecordingCanvas, _ layout: FigureLayout, _ name: String) {
        let areas = layout.panels.map(\.area)
        let chrome = canvas.textBoxes.filter { t in !areas.contains { $0.contains(t.1, slack: slack) } }
        for i in chrome.indices {
            for j in chrome.indices where j > i {
                XCTAssertFalse(chrome[i].1.intersects(chrome[j].1),
                               "\(name): '\(chrome[i].0)' \(chrome[i].1) overlaps '\(chrome[j].0)' \(chrome[j].1)")
            }
            for a in areas {
                XCTAssertFalse(chrome[i].1.intersects(a), "\(name): '\(chrome[i].0)' overlaps plot area \(a)")
            }
        }
    }

    func testGalleryFiguresFitAndDoNotOverlap() throws {
        for (name, fig) in try PlotGallery.figures() {
            let (canvas, layout) = try render(fig)
            assertInsideFigure(fig, canvas, name)
            assertNoOverlaps(canvas, layout, name)
        }
    }

    /// A small figure with long labels and a colorbar still keeps every label inside.
    func testCrampedGridStaysInside() throws {
        var fig = Figure(width: 5, height: 4, rows: 2, columns: 2)
        fig.title = "A rather long figure title"
        for k in fig.panels.indices {
            fig.panels[k].line(x: [0, 1e5, 3e5], y: [-180, 0, 180])
            fig.panels[k].xLabel = "samples N"
            fig.panels[k].yLabel = "angle θ (degrees)"
            fig.panels[k].title = "panel \(k)"
        }
        fig.panels[3].colorbar = ColorbarSpec(colormap: .viridis, vmin: 0.001, vmax: 0.0037, label: "density")
        let (canvas, layout) = try render(fig)
        assertInsideFigure(fig, canvas, "cramped")
        assertNoOverlaps(canvas, layout, "cramped")
    }

    /// Wide labels on narrow axes: the budget shrinks until neighbours keep half an em apart.
    func testTickLabelsOfEachAxisDoNotOverlap() throws {
        for width in [1.6, 2.0, 3.0, 6.0] {
            var fig = Figure(width: width, height: 1.6)
            fig.axes.line(x: [100000, 300000], y: [0.001, 0.0037])
            let (_, layout) = try render(fig)
            let p = layout.panels[0]
            let canvas = RecordingCanvas(size: fig.sizeInPoints)
            let xBoxes = zip(p.xTicks.values, p.xTicks.metrics).map {
                canvas.textBox($1, at: Point(p.x.map($0), 0), horizontal: .center, vertical: .top)
            }
            let yBoxes = zip(p.yTicks.values, p.yTicks.metrics).map {
                canvas.textBox($1, at: Point(0, p.y.map($0)), horizontal: .right, vertical: .center)
            }
            // "100000" is 36 pt wide here: below about 90 pt of axis only one x label fits.
            XCTAssertGreaterThanOrEqual(xBoxes.count, p.area.width >= 90 ? 2 : 1, "width \(width)")
            XCTAssertGreaterThanOrEqual(yBoxes.count, 2, "width \(width)")
            for (a, b) in zip(xBoxes, xBoxes.dropFirst()) { XCTAssertLessThan(a.maxX, b.minX, "width \(width)") }
            for (a, b) in zip(yBoxes, yBoxes.dropFirst()) { XCTAssertFalse(a.intersects(b), "width \(width)") }
        }
    }

    func testEqualAspectGivesEqualUnits() throws {
        var fig = Figure(width: 6, height: 3)
        fig.axes.line(x: [0, 4], y: [0, 1])
        fig.axes.equalAspect = true
        let (_, layout) = try render(fig)
        XCTAssertEqual(layout.panels[0].x.pointsPerUnit, layout.panels[0].y.pointsPerUnit, accuracy: 1e-9)
    }

    func testSharedAxesShareLimitsAndHideInnerLabels() throws {
        var fig = Figure(width: 6, height: 4, rows: 2, columns: 2)
        fig.shareX = true
        fig.shareY = true
        fig.panels[0].line(x: [0, 1], y: [0, 1])
        fig.panels[3].line(x: [-5, 2], y: [3, 10])
        let (_, layout) = try render(fig)
        let domains = layout.panels.map { [$0.x.domain, $0.y.domain] }
        XCTAssertTrue(domains.allSatisfy { $0 == domains[0] })
        XCTAssertEqual(layout.panels.map(\.showXTickLabels), [false, false, true, true])
        XCTAssertEqual(layout.panels.map(\.showYTickLabels), [true, false, true, false])
    }

    func testInvalidFigureThrows() {
        XCTAssertThrowsError(try FigureRenderer.draw(Figure(width: 0, height: 3), on: RecordingCanvas(size: Size(width: 1, height: 1))))
        XCTAssertThrowsError(try Grid2D(nx: 1, ny: 5, x: 0...1, y: 0...1, values: [0, 0, 0, 0, 0]))
        XCTAssertThrowsError(try Grid2D(nx: 2, ny: 2, x: 0...1, y: 0...1, values: [0, 0, 0]))
    }

    func testBestLegendAvoidsTheData() throws {
        var fig = Figure(width: 4, height: 3)
        // Data fills the top right and bottom right; the left corners stay empty.
        let xs = (0..<100).map { 0.6 + 0.4 * Double($0) / 99 }
        fig.axes.scatter(x: xs + xs, y: xs.map { _ in 0.95 } + xs.map { _ in 0.05 }, label: "points")
        fig.axes.line(x: [0, 0.01], y: [0.5, 0.5], label: "stub")
        fig.axes.xLimits = 0...1
        fig.axes.yLimits = 0...1
        fig.axes.legend = .best
        let (canvas, layout) = try render(fig)
        let legendText = try XCTUnwrap(canvas.textBoxes.first { $0.0 == "points" })
        XCTAssertLessThan(legendText.1.midX, layout.panels[0].area.midX, "legend should sit on the left")
        XCTAssertLessThan(legendText.1.midY, layout.panels[0].area.midY, "upper left wins the tie with lower left")
    }
}
