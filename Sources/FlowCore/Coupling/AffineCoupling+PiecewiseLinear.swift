/// Couplings whose s(p), t(p) are given in closed form as piecewise-linear functions of a scalar p.
///
/// For knots p₀ < p₁ < … < p_{K−1} and values f_k at each knot, the interpolant that is linear between
/// knots and constant beyond [p₀, p_{K−1}] is exactly a one-hidden-layer ReLU network:
///
///     f(p) = f₀ + Σ_{k<K} c_k · relu(p − p_k),   c_k = slope_k − slope_{k−1},
///
/// with slope_k = (f_{k+1} − f_k)/(p_{k+1} − p_k) for k < K−1 and slope_{−1} = slope_{K−1} = 0 (for
/// p ≥ p_{K−1} every hinge is active and the slopes telescope to 0). So the coupling is an ordinary
/// `AffineCoupling` (D_P = 1, `clamp: .none`, subnet 1 → K → 2·D_A with hidden weights 1 and biases −p_k)
/// whose parameters are set, not trained: it composes with trained couplings in a `Flow` and
/// serialises like them.
extension AffineCoupling {
    /// A D_P = 1 coupling with s(p), t(p) interpolated linearly between `knots` and constant beyond them.
    ///
    /// - Parameters:
    ///   - knots: K ≥ 2 strictly increasing, finite passive positions.
    ///   - scale: K rows × D_A columns, s at each knot (log-scale, applied without clamping).
    ///   - shift: K × D_A, t at each knot.
    /// - Throws: on shapes, unsorted or non-finite knots, non-finite values.
    public init(piecewiseLinearKnots knots: [Double], scale: Matrix, shift: Matrix) throws {
        let k = knots.count
        guard k >= 2 else {
            throw FlowCoreError.invalidArgument(name: "knot count", value: "\(k)", reason: "need ≥ 2 knots")
        }
        guard knots.allSatisfy(\.isFinite) else { throw FlowCoreError.nonFinite(what: "coupling knots") }
        for i in 1..<k where !(knots[i] > knots[i - 1]) {
            throw FlowCoreError.invalidArgument(name: "knots", value: "\(knots[i - 1]), \(knots[i]) at \(i)",
                                                reason: "must be strictly increasing")
        }
        let activeCount = scale.cols
        try check(scale, cols: activeCount, rows: k, what: "knot scales")
        try check(shift, cols: activeCount, rows: k, what: "knot shifts")
        let outputs = 2 * activeCount
        // Layout [W₀ (K×1), b₀ (K), W₁ (2D_A × K), b₁ (2D_A)], outputs ordered [s_1…s_{D_A}, t_1…t_{D_A}].
        var theta = [Double](repeating: 0, count: 2 * k + outputs * k + outputs)
        for i in 0..<k { theta[i] = 1; theta[k + i] = -knots[i] }
        let w1 = 2 * k, b1 = w1 + outputs * k
        for o in 0..<outputs {
            let values = o < activeCount ? scale.column(o) : shift.column(o - activeCount)
            var previousSlope = 0.0
            for i in 0..<k {
                let slope = i < k - 1 ? (values[i + 1] - values[i]) / (knots[i + 1] - knots[i]) : 0
                theta[w1 + o * k + i] = slope - previousSlope
                previousSlope = slope
            }
            theta[b1 + o] = values[0]
        }
        let net = try MLP(inputCount: 1, outputCount: outputs, hiddenWidths: [k], activation: .relu, parameters: theta)
        try self.init(passiveCount: 1, activeCount: activeCount, subnet: net, clamp: .none)
    }
}

/// Linear interpolation with constant extrapolation over sorted knots: the reference the ReLU form equals.
public enum PiecewiseLinear {
    /// f(p) for knots `knots` (strictly increasing) and values `values` (same count).
    public static func evaluate(knots: [Double], values: [Double], at p: Double) -> Double {
        if p <= knots[0] { return values[0] }
        let last = knots.count - 1
        if p >= knots[last] { return values[last] }
        var lo = 0, hi = last   // knots[lo] < p < knots[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if knots[mid] <= p { lo = mid } else { hi = mid }
        }
        let w = (p - knots[lo]) / (knots[hi] - knots[lo])
        return values[lo] + w * (values[hi] - values[lo])
    }
}
