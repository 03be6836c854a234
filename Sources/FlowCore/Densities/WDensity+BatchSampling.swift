/// The W density's sampler in Float batches: the generator draws bits in order, then one vectorised pass
/// turns them into samples (`FastFloatMath`'s log and sin/cos of π·x instead of libm calls in Double).
///
/// Why: drawing p, the polar-method normal and two cosines in Double was ≈ 1/5 of Example 1's training step.
/// For each pair of samples two 64-bit draws give four 32-bit words: p₀, p₁ (24-bit uniforms on [−2, 2))
/// and u₁ ∈ (0, 1], u₂ ∈ [0, 1) for Box–Muller: z₀ = √(−2 ln u₁) cos 2πu₂, z₁ = √(−2 ln u₁) sin 2πu₂
/// (|z| ≤ 5.77 because u₁ ≥ 2⁻²⁴: the tail beyond has probability 8·10⁻⁹ and is not drawn).
/// Then a = m(p) + σ(p)·z with m, σ of Eq. (13) in Float. Samples are Float values stored as Double.
/// An odd count draws a last full pair and keeps its first sample, so a count-N sample is the first N
/// rows of a longer one only when N is even.
enum WBatchSampler {
    /// Samples per vectorised pass: the scratch words (4 per pair) stay on the stack.
    static let chunk = 256

    static func fill(_ v: UnsafeMutableBufferPointer<Double>, count: Int, using rng: inout SeededGenerator) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * chunk) { words in
            let w = words.baseAddress!
            var start = 0
            while start < count {
                let n = Swift.min(chunk, count - start), pairs = (n + 1) / 2
                // Draws in order (the only sequential part): p-words for samples 2i and 2i + 1, then u₁, u₂.
                for i in 0..<pairs {
                    let a = rng.next(), b = rng.next()
                    w[4 &* i] = UInt32(truncatingIfNeeded: a >> 32)
                    w[4 &* i &+ 1] = UInt32(truncatingIfNeeded: a)
                    w[4 &* i &+ 2] = UInt32(truncatingIfNeeded: b >> 32)
                    w[4 &* i &+ 3] = UInt32(truncatingIfNeeded: b)
                }
                transform(words: w, pairs: pairs, count: n, into: v.baseAddress! + 2 &* start)
                start &+= n
            }
        }
    }

    /// Samples from the words of `pairs` pairs; writes `count` (≤ 2·pairs) rows [p, a].
    @inline(__always)
    private static func transform(words w: UnsafeMutablePointer<UInt32>, pairs: Int, count: Int, into out: UnsafeMutablePointer<Double>) {
        let even = count / 2
        for i in 0..<even {
            let (p0, a0, p1, a1) = pair(w, i)
            out[4 &* i] = Double(p0); out[4 &* i &+ 1] = Double(a0)
            out[4 &* i &+ 2] = Double(p1); out[4 &* i &+ 3] = Double(a1)
        }
        if count > 2 &* even {
            let (p0, a0, _, _) = pair(w, even)
            out[4 &* even] = Double(p0); out[4 &* even &+ 1] = Double(a0)
        }
    }

    @inline(__always)
    private static func pair(_ w: UnsafeMutablePointer<UInt32>, _ i: Int) -> (Float, Float, Float, Float) {
        // The top 24 bits of each word: exact in Float.
        let p0 = Float(w[4 &* i] &>> 8) * 0x1p-22 - 2, p1 = Float(w[4 &* i &+ 1] &>> 8) * 0x1p-22 - 2
        let u1 = (Float(w[4 &* i &+ 2] &>> 8) + 1) * 0x1p-24
        let turns = Float(w[4 &* i &+ 3] &>> 8) * 0x1p-23          // 2u₂ ∈ [0, 2): the angle 2πu₂ in half-turns
        let radius = (-2 * FastFloatMath.log(u1)).squareRoot()
        let (s, c) = FastFloatMath.sinCosPi(turns)
        return (p0, conditional(p0, radius * c), p1, conditional(p1, radius * s))
    }

    /// a = m(p) + σ(p)·z with m(p) = ½ cos πp, σ(p) = (3 − cos(8π/3 · p)) / 8.
    @inline(__always)
    private static func conditional(_ p: Float, _ z: Float) -> Float {
        let mean = 0.5 * FastFloatMath.sinCosPi(p).cos
        let std = (3 - FastFloatMath.sinCosPi(p * (8.0 / 3)).cos) * 0.125
        return mean + std * z
    }
}
