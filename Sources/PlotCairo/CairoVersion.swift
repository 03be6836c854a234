import CCairo

extension CairoRenderer {
    /// The version of the Cairo library linked at run time (e.g. "1.16.0"), for the report's provenance.
    public static var cairoVersion: String {
        String(cString: cairo_version_string())
    }
}
