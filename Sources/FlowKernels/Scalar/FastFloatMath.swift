/// Branch-free Float exp, atan and tanh for the training hot path (the coupling's scale and soft clamp).
///
/// Why: the Float engine called libm's expf and atanf once per row and block — a call each, never
/// vectorised. These are plain scalar functions without branches or calls (selects only, no trapping
/// conversions), so the loops that call them are vectorised by LLVM (16 lanes with AVX-512).
/// Coefficients are Cephes' single-precision minimax polynomials (S. L. Moshier).
///
/// Maximum error |approximation − exact| in units of the Float ulp of the exact value (0.5 = correctly
/// rounded; exact = the Double function), measured over 2·10⁶ grid points and 2·10⁶ random bit patterns
/// per function: exp 0.98 ulp, atan 2.8 ulp, tanh 1.27 ulp. FastFloatMathTests asserts ≤ 1, 3 and 1.5 ulp
/// on ≥ 10⁶ points each, and the special values (±0, ±∞, NaN, overflow and underflow thresholds).
/// NaN in gives NaN out (the trainer's divergence check relies on it); ±∞ give the limits.
/// The Double engine keeps Foundation's functions (gradient checks, exact evaluation).
public enum FastFloatMath {
    /// eˣ. Range reduction x = n·ln 2 + r with n = rint(x·log₂e) and |r| ≤ ½ ln 2: r = x − n·ln2_hi − n·ln2_lo
    /// with ln 2 split so that n·ln2_hi is exact (Cody–Waite; FMAs). e^r = 1 + r + r²·P(r), P of degree 5
    /// (Cephes expf, relative error ≈ 1e-7 on that interval). Then · 2ⁿ as 2^⌊n/2⌋ · 2^(n−⌊n/2⌋), so that
    /// both factors stay normal for n ∈ [−150, 128]: overflow to ∞ and gradual underflow to 0 come out of
    /// the last product, as in libm (below −103.97 the result is 0, above 88.73 it is ∞).
    @inline(__always)
    @inlinable public static func exp(_ x: Float) -> Float {
        // Outside [−104, 89] the result is 0 or ∞ anyway; min/max keep a NaN (comparisons with NaN fail).
        let xc = Swift.min(Swift.max(x, -104), 89)
        // Adding 1.5·2²³ rounds x·log₂e to the nearest integer n, held in the low mantissa bits of t
        // (no trapping Float → Int conversion, which would keep the loop scalar).
        let magic: Float = 0x1.8p23
        let t = xc * 1.442_695_04 + magic
        let n = t - magic
        let ni = Int32(bitPattern: t.bitPattern) &- 0x4B40_0000
        let r = xc.addingProduct(-n, 0.693_359_375).addingProduct(-n, -2.121_944_4e-4)
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = (p * (r * r) + r) + 1
        let n1 = ni &>> 1, n2 = ni &- n1
        let s1 = Float(bitPattern: UInt32(bitPattern: (n1 &+ 127) &<< 23))
        let s2 = Float(bitPattern: UInt32(bitPattern: (n2 &+ 127) &<< 23))
        let result = y * s1 * s2
        return x.isNaN ? x : result
    }

    /// arctan x. Range reduction on |x| (Cephes atanf): above tan(3π/8) atan|x| = π/2 + atan(−1/|x|),
    /// above tan(π/8) atan|x| = π/4 + atan((|x| − 1)/(|x| + 1)), so the reduced argument u has |u| ≤ tan(π/8)
    /// ≈ 0.414; there atan u = u + u·z·P(z), z = u², P of degree 3. One division serves all three cases
    /// (numerator and denominator are selected). The sign is restored at the end (atan is odd).
    @inline(__always)
    @inlinable public static func atan(_ x: Float) -> Float {
        let ax = abs(x)
        let big = ax > 2.414_213_562_373_095, mid = ax > 0.414_213_562_373_095_0
        let num: Float = big ? -1 : (mid ? ax - 1 : ax)
        let den: Float = big ? ax : (mid ? ax + 1 : 1)
        let u = num / den
        let offset: Float = big ? 1.570_796_326_794_896_6 : (mid ? 0.785_398_163_397_448_3 : 0)
        let z = u * u
        var p: Float = 8.053_744_495_38e-2
        p = p * z - 1.387_768_560_32e-1
        p = p * z + 1.997_771_064_78e-1
        p = p * z - 3.333_294_915_39e-1
        let y = offset + ((p * z) * u + u)
        return Float(signOf: x, magnitudeOf: y)   // a bit operation: also atan(−0) = −0
    }

    /// tanh x. For |x| < 0.625 the odd polynomial x + x·z·P(z), z = x², P of degree 4 (Cephes tanhf);
    /// above, 1 − 2/(e^{2|x|} + 1) with `exp` (no cancellation there: the result is ≥ 0.55), which gives
    /// exactly 1 once e^{2|x|} overflows. Both branches are computed and one selected; sign restored.
    @inline(__always)
    @inlinable public static func tanh(_ x: Float) -> Float {
        let ax = abs(x)
        let z = x * x
        var p: Float = -5.704_988_727_45e-3
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let small = (p * z) * ax + ax
        let large = 1 - 2 / (exp(2 * ax) + 1)
        let y = ax < 0.625 ? small : large
        return Float(signOf: x, magnitudeOf: y)
    }
}
