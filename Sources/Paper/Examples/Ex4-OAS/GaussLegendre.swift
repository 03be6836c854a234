import Foundation

/// Fixed-order composite Gauss–Legendre quadrature: a second, independent route to Theorem 1's
/// integrals over p (the library uses adaptive Gauss–Kronrod; this shares no code with it).
///
/// The n nodes x_k on [−1, 1] are the roots of the Legendre polynomial P_n, found by Newton's
/// method from the Chebyshev guess cos(π(k − ¼)/(n + ½)); the weights are
/// w_k = 2 / ((1 − x_k²) P_n′(x_k)²). An n-point rule is exact for polynomials of degree 2n − 1,
/// so on `panels` equal sub-intervals of a smooth integrand the error falls like h^{2n}.
public struct GaussLegendreRule: Sendable, Equatable {
    /// Nodes on [−1, 1], ascending.
    public let nodes: [Double]
    /// Weights matching `nodes` (they sum to 2).
    public let weights: [Double]

    /// Builds the n-point rule (orders below 1 are raised to 1).
    public init(order: Int) {
        let n = max(order, 1)
        var xs = [Double](repeating: 0, count: n), ws = xs
        for k in 1...n {
            var x = cos(Double.pi * (Double(k) - 0.25) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                let (p, dp) = Self.legendre(n, at: x)
                derivative = dp
                let step = p / dp
                x -= step
                if abs(step) < 1e-16 { break }
            }
            derivative = Self.legendre(n, at: x).derivative
            xs[n - k] = x
            ws[n - k] = 2 / ((1 - x * x) * derivative * derivative)
        }
        nodes = xs
        weights = ws
    }

    /// P_n(x) and P_n′(x) by the three-term recurrence (k+1)P_{k+1} = (2k+1) x P_k − k P_{k−1}.
    static func legendre(_ n: Int, at x: Double) -> (value: Double, derivative: Double) {
        var p0 = 1.0, p1 = x
        if n == 0 { return (1, 0) }
        for k in 1..<n {
            let p2 = (Double(2 * k + 1) * x * p1 - Double(k) * p0) / Double(k + 1)
            p0 = p1
            p1 = p2
        }
        return (p1, Double(n) * (x * p1 - p0) / (x * x - 1))
    }

    /// ∫_a^b f(x) dx with the rule applied on `panels` equal sub-intervals.
    public func integrate(from a: Double, to b: Double, panels: Int, _ f: (Double) -> Double) -> Double {
        let h = (b - a) / Double(max(panels, 1))
        var total = 0.0
        for panel in 0..<max(panels, 1) {
            let centre = a + (Double(panel) + 0.5) * h
            var sum = 0.0
            for k in nodes.indices { sum += weights[k] * f(centre + 0.5 * h * nodes[k]) }
            total += 0.5 * h * sum
        }
        return total
    }
}
