/// A test seam: named points of a run where fault tests stop a child process to kill it.
///
/// `nil` outside tests. Checkpoints are `rename:<folder>/<file>` just before every atomic
/// rename (figures, report pages, cache entries, job files); stages in tests add their own.
enum FaultInjection {
    nonisolated(unsafe) static var checkpoint: ((String) -> Void)?

    /// Calls the checkpoint, if any, with `name`.
    static func reach(_ name: String) { checkpoint?(name) }
}
