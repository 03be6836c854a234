import Foundation

/// Formats tick values with one shared number of decimals and a unicode minus sign (U+2212).
public enum TickFormatter {
    /// The typographic minus matplotlib uses for negative tick labels.
    public static let minus = "\u{2212}"

    /// Fewest decimals (0…12) that show every tick exactly: the decimals of the step, e.g.
    /// 0.5 → 1, 0.25 → 2, 2.5e4 → 0, and never fewer than any tick needs.
    public static func decimals(for ticks: [Double]) -> Int {
        var best = 0
        for v in ticks where v.isFinite {
            var d = 0
            while d < 12 {
                let scaled = abs(v) * pow(10, Double(d))
                if abs(scaled - scaled.rounded()) <= 1e-6 * max(1, scaled) { break }
                d += 1
            }
            best = max(best, d)
        }
        return best
    }

    /// All labels for `ticks`, with a shared decimal count.
    public static func labels(for ticks: [Double]) -> [String] {
        let d = decimals(for: ticks)
        return ticks.map { format($0, decimals: d) }
    }

    /// One value with `decimals` digits after the point; negative zero prints as "0".
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "∞" : "\(minus)∞") }
        let text = String(format: "%.\(decimals)f", abs(value))
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return (value < 0 && !isZero) ? minus + text : text
    }
}
