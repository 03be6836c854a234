import Foundation

/// The conditional moments shared by the W and WU densities (Examples 1 and 2, Eq. 13).
///
/// p ~ U[−2, 2]; the active coordinate a has, given p,
/// mean m(p) = ½·cos(π p) and standard deviation σ(p) = (3 − cos(8π/3 · p)) / 8 ∈ [0.25, 0.5].
enum WShape {
    /// Half-width of the passive support [−2, 2].
    static let halfWidth = 2.0

    /// m(p) = ½ cos(π p).
    static func mean(_ p: Double) -> Double { 0.5 * cos(Double.pi * p) }

    /// σ(p) = (3 − cos(8π/3 · p)) / 8.
    static func std(_ p: Double) -> Double { (3 - cos(8 * Double.pi / 3 * p)) / 8 }

    /// The passive density μ(p) = ¼ on [−2, 2], 0 outside.
    static func passiveDensity(_ p: Double) -> Double { abs(p) <= halfWidth ? 1 / (2 * halfWidth) : 0 }

    /// E_p[log σ(p)] by composite Simpson quadrature (σ is smooth and periodic-like; 20 000 intervals
    /// give an error far below 1e-12, so this serves as the exact value).
    static let meanLogStd: Double = {
        let n = 20_000
        let a = -halfWidth, b = halfWidth
        let h = (b - a) / Double(n)
        var sum = log(std(a)) + log(std(b))
        for i in 1..<n {
            sum += (i % 2 == 1 ? 4 : 2) * log(std(a + Double(i) * h))
        }
        return sum * h / 3 / (b - a)
    }()
}
