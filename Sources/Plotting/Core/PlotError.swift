/// Problems with the data or settings handed to the plotting model.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// A grid needs at least 2 × 2 nodes.
    case gridTooSmall(nx: Int, ny: Int)
    /// `values.count` does not equal `nx * ny`.
    case gridSizeMismatch(expected: Int, got: Int)
    /// A coordinate range is empty, reversed or not finite.
    case invalidRange(String)
    /// Two arrays that must pair up have different lengths.
    case lengthMismatch(String, Int, Int)
    /// A figure needs a positive size, dpi and at least one panel.
    case invalidFigure(String)
    /// No panel at this row and column.
    case noSuchPanel(row: Int, column: Int)

    public var description: String {
        switch self {
        case .gridTooSmall(let nx, let ny): return "grid must be at least 2×2 nodes, got \(nx)×\(ny)"
        case .gridSizeMismatch(let e, let g): return "grid needs \(e) values, got \(g)"
        case .invalidRange(let what): return "invalid range: \(what)"
        case .lengthMismatch(let what, let a, let b): return "\(what): lengths \(a) and \(b) differ"
        case .invalidFigure(let what): return "invalid figure: \(what)"
        case .noSuchPanel(let r, let c): return "no panel at row \(r), column \(c)"
        }
    }
}
