import CCairo

/// Failures while rendering through Cairo or writing the result.
public enum CairoError: Error, Equatable, CustomStringConvertible {
    /// Cairo reported an error status (its message) during `operation`.
    case cairo(operation: String, message: String)
    /// The output file extension is not one of png, svg, pdf.
    case unsupportedFormat(String)
    /// Creating, renaming or removing a file failed.
    case fileSystem(path: String, message: String)
    /// The pixel size at the requested dpi is unusable (zero, negative or too large).
    case invalidPixelSize(width: Int, height: Int)

    public var description: String {
        switch self {
        case .cairo(let op, let msg): return "cairo failed in \(op): \(msg)"
        case .unsupportedFormat(let ext): return "unsupported figure format '\(ext)' (use png, svg or pdf)"
        case .fileSystem(let path, let msg): return "cannot write \(path): \(msg)"
        case .invalidPixelSize(let w, let h): return "invalid raster size \(w)×\(h) px"
        }
    }

    /// Throws when `status` is not success.
    static func check(_ status: cairo_status_t, _ operation: String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw CairoError.cairo(operation: operation, message: String(cString: cairo_status_to_string(status)))
    }
}
