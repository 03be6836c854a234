import FlowKernels

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
    /// Pairs of samples per pass: the scratch (4 words + 4 results per pair, 4 KB) stays on the stack.
    static let chunkPairs = 128

    static func fill(_ v: UnsafeMutableBufferPointer<Double>, count: Int, using rng: inout SeededGenerator) {
        // Structure of arrays, so that the transform is one flat loop over contiguous words and Floats
        // (vectorised): p₀-, p₁-, u₁-, u₂-words in, p₀, a₀, p₁, a₁ out.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * chunkPairs) { words in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 4 * chunkPairs) { floats in
                let w0 = words.baseAddress!, w1 = w0 + chunkPairs, w2 = w1 + chunkPairs, w3 = w2 + chunkPairs
                let p0 = floats.baseAddress!, a0 = p0 + chunkPairs, p1 = a0 + chunkPairs, a1 = p1 + chunkPairs
                var start = 0
                while start < count {
                    let n = Swift.min(2 * chunkPairs, count - start), pairs = (n + 1) / 2
                    // The only sequential part: the draws, in order (two 64-bit draws per pair of samples).
                    for i in 0..<pairs {
                        let x = rng.next(), y = rng.next()
                        w0[i] = UInt32(truncatingIfNeeded: x >> 32); w1[i] = UInt32(truncatingIfNeeded: x)
                        w2[i] = UInt32(truncatingIfNeeded: y >> 32); w3[i] = UInt32(truncatingIfNeeded: y)
                    }
                    transform(pairs: pairs, w0, w1, w2, w3, p0: p0, a0: a0, p1: p1, a1: a1)
                    let out = v.baseAddress! + 2 &* start
                    for i in 0..<(n / 2) {
                        out[4 &* i] = Double(p0[i]); out[4 &* i &+ 1] = Double(a0[i])
                        out[4 &* i &+ 2] = Double(p1[i]); out[4 &* i &+ 3] = Double(a1[i])
                    }
                    if n % 2 == 1 {   // an odd count keeps the first sample of the last pair
                        out[2 &* (n &- 1)] = Double(p0[n / 2]); out[2 &* (n &- 1) &+ 1] = Double(a0[n / 2])
                    }
                    start &+= n
                }
            }
        }
    }

    /// Samples [p₀, a₀], [p₁, a₁] of `pairs` pairs from their words (the top 24 bits of each: exact in Float).
    @inline(__always)
    private static func transform(pairs: Int, _ w0: UnsafePointer<UInt32>, _ w1: UnsafePointer<UInt32>,
                                  _ w2: UnsafePointer<UInt32>, _ w3: UnsafePointer<UInt32>,
                                  p0: UnsafeMutablePointer<Float>, a0: UnsafeMutablePointer<Float>,
                                  p1: UnsafeMutablePointer<Float>, a1: UnsafeMutablePointer<Float>) {
        for i in 0..<pairs {
            let u1 = (Float(w2[i] &>> 8) + 1) * 0x1p-24                   // (0, 1]
            let radius = FastFloatMath.squareRoot(-2 * FastFloatMath.log(u1))
            let (s, c) = FastFloatMath.sinCosPi(Float(w3[i] &>> 8) * 0x1p-23)   // 2u₂ ∈ [0, 2): the angle in half-turns
            let q0 = Float(w0[i] &>> 8) * 0x1p-22 - 2, q1 = Float(w1[i] &>> 8) * 0x1p-22 - 2
            p0[i] = q0; a0[i] = conditional(q0, radius * c)
            p1[i] = q1; a1[i] = conditional(q1, radius * s)
        }
    }

    /// a = m(p) + σ(p)·z with m(p) = ½ cos πp, σ(p) = (3 − cos(8π/3 · p)) / 8.
    @inline(__always)
    private static func conditional(_ p: Float, _ z: Float) -> Float {
        let mean = 0.5 * FastFloatMath.sinCosPi(p).cos
        let std = (3 - FastFloatMath.sinCosPi(p * (8.0 / 3)).cos) * 0.125
        return mean + std * z
    }
}
