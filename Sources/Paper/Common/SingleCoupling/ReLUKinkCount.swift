import FlowCore

/// How many hidden (Leaky)ReLUs of a 1 → H → 2 coupling subnet bend inside a range of p, and how many are off.
///
/// Unit j computes f(w_j p + b_j) with f(z) = max(0, z) (ReLU) or max(0.01z, z) (LeakyReLU): it bends at
/// p = −b_j / w_j, and s(p), t(p) are piecewise linear with breakpoints only there. A unit with its kink
/// outside the range is either linear on it or off (w_j p + b_j ≤ 0 for every p in the range): a ReLU
/// unit that is off is dead (no output, no gradient); a LeakyReLU unit keeps slope 0.01 and can recover. The subnet's flat parameters are
/// [W₀ (H × 1), b₀ (H), W₁, b₁] (`MLP`'s documented layout).
public struct ReLUKinkCount: Codable, Sendable, Equatable {
    /// Units whose kink lies strictly inside the range.
    public var kinksInside: Int
    /// Units off (negative pre-activation) on the whole range.
    public var dead: Int
    /// Hidden width H.
    public var width: Int

    /// Counts for `coupling`; nil unless its subnet is 1 → H → 2 with ReLU or LeakyReLU.
    public init?(coupling: AffineCoupling, range: ClosedRange<Double> = -2...2) {
        let net = coupling.subnet
        guard net.inputCount == 1, net.hiddenWidths.count == 1, [.relu, .leakyRelu].contains(net.activation) else { return nil }
        let h = net.hiddenWidths[0], theta = net.parameters
        var inside = 0, dead = 0
        for j in 0..<h {
            let w = theta[j], b = theta[h + j]
            if w != 0, range.contains(-b / w), -b / w != range.lowerBound, -b / w != range.upperBound { inside += 1 }
            if w * range.lowerBound + b <= 0, w * range.upperBound + b <= 0 { dead += 1 }
        }
        kinksInside = inside
        self.dead = dead
        width = h
    }
}
