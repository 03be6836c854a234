import Foundation

/// The one number formatter of the paper's prose (the engine formats its own tables).
enum ProseNumber {
    /// `x` with `digits` decimals; "diverged" for +∞/NaN of a failed training, "—" for −∞.
    static func fmt(_ x: Double, _ digits: Int = 4) -> String {
        guard x.isFinite else { return x == -.infinity ? "—" : "diverged" }
        return String(format: "%.\(digits)f", x)
    }

    /// A loss or margin in nats, 3 decimals (the deep-flow tables).
    static func f3(_ x: Double, _ digits: Int = 3) -> String { fmt(x, digits) }

    /// A measured value, 4 decimals (the single-layer tables).
    static func f4(_ x: Double) -> String { fmt(x, 4) }

    /// The shortest form (0.1, 2, 4096, 1e-06): for settings, not measurements.
    static func g(_ x: Double) -> String { String(format: "%g", x) }

    /// Scientific with `digits` decimals (HSIC statistics).
    static func sci(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)e", x) }

    /// A fraction as a whole percentage ("72 %").
    static func percent(_ x: Double) -> String { String(format: "%.0f %%", 100 * x) }

    /// A list of numbers joined by ", " in their shortest form.
    static func list<T: BinaryInteger>(_ xs: [T]) -> String { xs.map { String($0) }.joined(separator: ", ") }
}
