import CCairo
import Foundation
import Plotting

/// A `Canvas` drawing through a Cairo context. Device units are points; the context is pre-scaled
/// for raster surfaces so that one point is dpi/72 pixels.
///
/// Text uses Cairo's toy font API with the family from the `Font` (DejaVu Sans by default,
/// resolved through fontconfig) and metric hinting off, so that measurements are identical on
/// raster and vector surfaces.
public final class CairoCanvas: Canvas {
    public let size: Size
    let context: CairoContext
    var cr: OpaquePointer { context.handle }

    init(context: CairoContext, size: Size, scale: Double) {
        self.context = context
        self.size = size
        cairo_scale(context.handle, scale, scale)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(context.handle, options)
        cairo_font_options_destroy(options)
        cairo_set_line_join(context.handle, CAIRO_LINE_JOIN_ROUND)
    }

    func setColor(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    func addPath(_ path: Path) {
        cairo_new_path(cr)
        for e in path.elements {
            switch e {
            case .move(let p): cairo_move_to(cr, p.x, p.y)
            case .line(let p): cairo_line_to(cr, p.x, p.y)
            case .close: cairo_close_path(cr)
            }
        }
    }

    public func fill(_ path: Path, color: Color) {
        addPath(path)
        setColor(color)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
        cairo_fill(cr)
    }

    public func stroke(_ path: Path, style: StrokeStyle) {
        addPath(path)
        setColor(style.color)
        cairo_set_line_width(cr, style.width)
        cairo_set_line_cap(cr, style.roundCaps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        style.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        cairo_stroke(cr)
    }

    func selectFont(_ font: Font) {
        cairo_select_font_face(cr, font.family, CAIRO_FONT_SLANT_NORMAL,
                               font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, font.size)
    }

    public func measure(_ text: String, font: Font) -> TextMetrics {
        selectFont(font)
        var e = cairo_text_extents_t()
        cairo_text_extents(cr, text, &e)
        // Ink above the baseline is −y_bearing; below it is height + y_bearing.
        return TextMetrics(width: e.x_advance, ascent: max(-e.y_bearing, 0), descent: max(e.height + e.y_bearing, 0))
    }

    public func drawText(_ text: String, at point: Point, font: Font, color: Color,
                         horizontal: HorizontalAnchor, vertical: VerticalAnchor, rotationDegrees: Double) {
        let m = measure(text, font: font)
        let box = textBox(m, at: Point(0, 0), horizontal: horizontal, vertical: vertical)
        cairo_save(cr)
        cairo_translate(cr, point.x, point.y)
        cairo_rotate(cr, -rotationDegrees * Double.pi / 180)
        cairo_move_to(cr, box.minX, box.minY + m.ascent)
        setColor(color)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
        cairo_restore(cr)
    }

    public func drawImage(_ image: RGBAImage, in rect: Rect, smooth: Bool) {
        guard image.width > 0, image.height > 0, rect.width > 0, rect.height > 0,
              let surface = try? CairoImage.surface(from: image) else { return }
        cairo_save(cr)
        cairo_translate(cr, rect.minX, rect.minY)
        cairo_scale(cr, rect.width / Double(image.width), rect.height / Double(image.height))
        cairo_set_source_surface(cr, surface.handle, 0, 0)
        let pattern = cairo_get_source(cr)
        cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST)
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        cairo_rectangle(cr, 0, 0, Double(image.width), Double(image.height))
        cairo_fill(cr)
        cairo_restore(cr)
    }

    public func pushClip(_ rect: Rect) {
        cairo_save(cr)
        cairo_new_path(cr)
        cairo_rectangle(cr, rect.minX, rect.minY, rect.width, rect.height)
        cairo_clip(cr)
    }

    public func popClip() { cairo_restore(cr) }
}
