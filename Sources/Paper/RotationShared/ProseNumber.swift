import Foundation
import Report

/// Number formatting for the prose of ex4, ex5 and fig1 (the engine writes the config table itself).
enum ProseNumber {
    /// A number with `digits` decimals.
    static func fmt(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", x) }
}
