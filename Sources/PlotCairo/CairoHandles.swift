import CCairo

/// Owns a `cairo_surface_t`; destroyed with the object.
final class CairoSurface {
    let handle: OpaquePointer

    /// Takes ownership of a freshly created surface, throwing if Cairo returned it in an error state.
    init(_ handle: OpaquePointer?, operation: String) throws {
        guard let h = handle else { throw CairoError.cairo(operation: operation, message: "no surface") }
        self.handle = h
        let status = cairo_surface_status(h)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(h)
            try CairoError.check(status, operation)
        }
    }

    /// Completes output (vector surfaces write their file here) and reports any deferred error.
    func finish() throws {
        cairo_surface_finish(handle)
        try CairoError.check(cairo_surface_status(handle), "finishing the surface")
    }

    deinit { cairo_surface_destroy(handle) }
}

/// Owns a `cairo_t` drawing context; keeps its surface alive.
final class CairoContext {
    let handle: OpaquePointer
    let surface: CairoSurface

    init(surface: CairoSurface) throws {
        self.surface = surface
        guard let h = cairo_create(surface.handle) else {
            throw CairoError.cairo(operation: "creating a context", message: "no context")
        }
        self.handle = h
        try CairoError.check(cairo_status(h), "creating a context")
    }

    /// The sticky error status of everything drawn so far.
    func checkStatus(_ operation: String) throws { try CairoError.check(cairo_status(handle), operation) }

    deinit { cairo_destroy(handle) }
}
