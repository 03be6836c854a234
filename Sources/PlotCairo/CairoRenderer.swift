import AtomicWrite
import CCairo
import Foundation
import Plotting

/// Output formats Cairo writes.
public enum FigureFormat: String, CaseIterable, Sendable {
    case png, svg, pdf

    /// The format named by a file extension (case-insensitive).
    public init(fileExtension ext: String) throws {
        guard let f = FigureFormat(rawValue: ext.lowercased()) else { throw CairoError.unsupportedFormat(ext) }
        self = f
    }
}

/// Renders figures through Cairo to PNG (at the figure's dpi), SVG and PDF files.
public enum CairoRenderer {
    /// Writes `figure` to `url` in the format named by its extension (.png, .svg or .pdf).
    public static func write(_ figure: Figure, to url: URL) throws {
        try write(figure, to: url, format: FigureFormat(fileExtension: url.pathExtension))
    }

    /// Writes the figure as PNG and SVG (the pair every report figure needs).
    public static func write(_ figure: Figure, png: URL, svg: URL) throws {
        try write(figure, to: png, format: .png)
        try write(figure, to: svg, format: .svg)
    }

    /// Writes `figure` to `url` in `format`, atomically.
    public static func write(_ figure: Figure, to url: URL, format: FigureFormat) throws {
        try figure.validate()
        do {
            try AtomicFile.write(to: url) { temp in
                switch format {
                case .png: try writePNG(figure, path: temp.path)
                case .svg, .pdf: try writeVector(figure, path: temp.path, format: format)
                }
            }
        } catch let e as AtomicFileError {
            throw CairoError.fileSystem(path: e.path, message: e.reason)
        }
    }

    static func writePNG(_ figure: Figure, path: String) throws {
        let px = figure.pixelSize
        guard px.width > 0, px.height > 0, px.width <= 32767, px.height <= 32767 else {
            throw CairoError.invalidPixelSize(width: px.width, height: px.height)
        }
        let surface = try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(px.width), Int32(px.height)),
                                       operation: "creating the PNG surface")
        try draw(figure, on: surface, scale: figure.dpi / 72)
        try CairoError.check(cairo_surface_write_to_png(surface.handle, path), "writing PNG \(path)")
    }

    static func writeVector(_ figure: Figure, path: String, format: FigureFormat) throws {
        let size = figure.sizeInPoints
        let raw = format == .svg ? cairo_svg_surface_create(path, size.width, size.height)
                                 : cairo_pdf_surface_create(path, size.width, size.height)
        let surface = try CairoSurface(raw, operation: "creating the \(format.rawValue.uppercased()) surface")
        if format == .svg { cairo_svg_surface_set_document_unit(surface.handle, CAIRO_SVG_UNIT_PT) }
        try draw(figure, on: surface, scale: 1)
        try surface.finish()
    }

    /// Draws the figure on a surface; the canvas and its context are released before returning.
    static func draw(_ figure: Figure, on surface: CairoSurface, scale: Double) throws {
        let context = try CairoContext(surface: surface)
        let canvas = CairoCanvas(context: context, size: figure.sizeInPoints, scale: scale)
        try FigureRenderer.draw(figure, on: canvas)
        try context.checkStatus("drawing the figure")
        cairo_surface_flush(surface.handle)
    }
}
