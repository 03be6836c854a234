import FlowCore

/// p encoded by the equal-width bin it falls in, as a one-hot row: the input to HSIC for Lemma 2.
///
/// Why: HSIC with a Gaussian kernel on p itself and the median-heuristic bandwidth h (≈ 1.2 for
/// p ~ U[−2, 2]) damps a dependence that oscillates like cos(ωp) by about exp(−h²ω²/2), i.e. by
/// ~10⁻³ for the W density's m(p) = ½ cos(πp). With p one-hot encoded by its bin, the kernel is
/// "same bin or not" and HSIC becomes a k-sample test of "a' has the same distribution in every
/// p-bin" — what Figure lemma2 shows — and sees changes on the scale of one bin.
public enum PassiveBinEncoding {
    /// An N × bins matrix with a 1 in the column of each value's bin (values outside are clamped
    /// to the first or last bin).
    public static func oneHot(_ p: [Double], bins: Int, range: ClosedRange<Double>) -> Matrix {
        let b = max(bins, 1)
        let width = (range.upperBound - range.lowerBound) / Double(b)
        var out = Matrix(rows: p.count, cols: b)
        for (i, value) in p.enumerated() {
            let k = width > 0 ? Int(((value - range.lowerBound) / width).rounded(.down)) : 0
            out[i, min(b - 1, max(0, k))] = 1
        }
        return out
    }
}

extension PassiveBinEncoding {
    /// The bin index of each value (the column of its 1 in `oneHot`): the labels `BinnedHSIC` takes.
    public static func labels(_ p: [Double], bins: Int, range: ClosedRange<Double>) -> [Int] {
        let b = max(bins, 1)
        let width = (range.upperBound - range.lowerBound) / Double(b)
        return p.map { value in
            let k = width > 0 ? Int(((value - range.lowerBound) / width).rounded(.down)) : 0
            return min(b - 1, max(0, k))
        }
    }
}
