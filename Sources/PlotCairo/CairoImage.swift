import CCairo
import Plotting

/// Converts straight-alpha RGBA8 rasters to Cairo's premultiplied native-endian ARGB32.
enum CairoImage {
    static func surface(from image: RGBAImage) throws -> CairoSurface {
        let surface = try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(image.width),
                                                                  Int32(image.height)), operation: "creating an image")
        cairo_surface_flush(surface.handle)
        let stride = Int(cairo_image_surface_get_stride(surface.handle))
        guard let base = cairo_image_surface_get_data(surface.handle) else {
            throw CairoError.cairo(operation: "reading image data", message: "no pixel buffer")
        }
        image.pixels.withUnsafeBufferPointer { src in
            for row in 0..<image.height {
                let line = UnsafeMutableRawPointer(base + row * stride).assumingMemoryBound(to: UInt32.self)
                for col in 0..<image.width {
                    let o = (row * image.width + col) * 4
                    let a = UInt32(src[o + 3])
                    // Premultiply with rounding: c·a/255.
                    let r = (UInt32(src[o]) * a + 127) / 255
                    let g = (UInt32(src[o + 1]) * a + 127) / 255
                    let b = (UInt32(src[o + 2]) * a + 127) / 255
                    line[col] = (a << 24) | (r << 16) | (g << 8) | b
                }
            }
        }
        cairo_surface_mark_dirty(surface.handle)
        return surface
    }
}
