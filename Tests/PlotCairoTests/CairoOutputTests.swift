import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import PlotCairo
import Plotting
import CCairo

/// PNG and SVG files are written, valid and of the declared size.
final class CairoOutputTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plotcairo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// 4 × 3 inches: 288 × 216 pt; at 100 dpi 400 × 300 px.
    func sampleFigure() throws -> Figure {
        var fig = Figure(width: 4, height: 3, dpi: 100)
        let grid = try Grid2D(nx: 40, ny: 30, x: -2...2, y: -1.5...1.5) { exp(-($0 * $0 + $1 * $1)) }
        fig.axes.heatmap(grid, colorbarLabel: "density")
        fig.axes.contour(grid, count: 5)
        fig.axes.title = "Gaussian"
        fig.axes.xLabel = "x"
        fig.axes.yLabel = "y"
        return fig
    }

    func testPNGHasSignatureAndIHDRSize() throws {
        let url = folder.appendingPathComponent("a.png")
        try sampleFigure().save(to: url)
        let data = try Data(contentsOf: url)
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(String(decoding: data[12..<16], as: UTF8.self), "IHDR")
        func be32(_ o: Int) -> Int { data[o..<(o + 4)].reduce(0) { $0 << 8 | Int($1) } }
        XCTAssertEqual(be32(16), 400)
        XCTAssertEqual(be32(20), 300)
    }

    func testSVGParsesAndDeclaresItsSize() throws {
        let url = folder.appendingPathComponent("a.svg")
        try sampleFigure().save(to: url)
        let parser = XMLParser(contentsOf: url)!
        let root = RootElementCollector()
        parser.delegate = root
        XCTAssertTrue(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(root.attributes["width"], "288pt")
        XCTAssertEqual(root.attributes["height"], "216pt")
    }

    func testPDFIsWritten() throws {
        let url = folder.appendingPathComponent("a.pdf")
        try sampleFigure().save(to: url)
        XCTAssertEqual(String(decoding: try Data(contentsOf: url).prefix(5), as: UTF8.self), "%PDF-")
    }

    func testAtomicWriteLeavesNoTemporaryFiles() throws {
        try sampleFigure().savePNGAndSVG(base: folder.appendingPathComponent("pair"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names, ["pair.png", "pair.svg"])
    }

    func testUnknownExtensionIsATypedError() throws {
        XCTAssertThrowsError(try sampleFigure().save(to: folder.appendingPathComponent("a.jpg"))) { error in
            XCTAssertEqual(error as? CairoError, .unsupportedFormat("jpg"))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testInvalidFigureIsATypedErrorAndWritesNothing() throws {
        let fig = Figure(width: 4, height: 3, dpi: 0)
        XCTAssertThrowsError(try fig.save(to: folder.appendingPathComponent("bad.png"))) { error in
            XCTAssertTrue(error is PlotError)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    /// DejaVu Sans digits advance 1303/2048 em (from the font's hmtx table): 6.362 pt at 10 pt.
    func testCairoMeasuresDejaVuDigits() throws {
        let surface = try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10), operation: "test")
        let canvas = CairoCanvas(context: try CairoContext(surface: surface), size: Size(width: 10, height: 10), scale: 1)
        let digitAdvance = 10 * 1303.0 / 2048
        XCTAssertEqual(canvas.measure("0", font: Font(size: 10)).width, digitAdvance, accuracy: 0.01)
        XCTAssertEqual(canvas.measure("2024", font: Font(size: 10)).width, 4 * digitAdvance, accuracy: 0.04)
    }
}

/// Remembers the root element's name and attributes.
final class RootElementCollector: NSObject, XMLParserDelegate {
    var name: String?
    var attributes: [String: String] = [:]
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if name == nil { name = elementName; attributes = attributeDict }
    }
}
