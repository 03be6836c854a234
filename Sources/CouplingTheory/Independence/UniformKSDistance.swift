
/// The Kolmogorov–Smirnov distance of a sample to the uniform distribution U(−h, h) (Example 2's push-forward).
///
/// D = sup_x |F_n(x) − F(x)| with F(x) = (x + h) / 2h clamped to [0, 1]; over the sorted sample it is
/// max_i max(i/n − F(x_(i)), F(x_(i)) − (i − 1)/n). For n = 2^16 draws from U itself D is about
/// 0.87/√n ≈ 0.0034 (the median of Kolmogorov's distribution).
public enum UniformKSDistance {
    /// D of `values` to U(−halfWidth, halfWidth); throws on an empty sample or a non-positive width.
    public static func distance(_ values: [Double], halfWidth: Double = 3.0.squareRoot()) throws -> Double {
        guard !values.isEmpty, halfWidth > 0, halfWidth.isFinite else {
            throw TheoryError.invalidArgument(name: "KS input", value: "n = \(values.count), h = \(halfWidth)",
                                              reason: "need a non-empty sample and a finite h > 0")
        }
        let sorted = values.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = min(max((x + halfWidth) / (2 * halfWidth), 0), 1)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return d
    }
}
