/// Branch-free Float log and sin/cos of π·x for batch sampling (Box–Muller normals, the W density's
/// m(p) = ½ cos πp and σ(p)), so that those loops vectorise like the coupling's (see `FastFloatMath`).
///
/// Measured maximum error (|approximation − exact| / ulp(exact), exact = the Double function, 2·10⁶ points):
/// log 1.66 ulp on [2⁻²⁴, 1] and 1.83 ulp over all positive normal Floats; sinPi/cosPi 2.06 ulp on [−8, 8]
/// where the error exceeds 2⁻²⁴ absolute (at their zeros the Double reference itself is off by ~10⁻¹⁵).
/// FastFloatMathTests asserts ≤ 2 ulp (log) and ≤ 2.5 ulp or 2⁻²⁴ absolute (sinPi/cosPi).
extension FastFloatMath {
    /// ln x for positive normal x (the sampler's uniforms lie in [2⁻²⁴, 1]); 0 and subnormals are not handled.
    /// x = m·2ᵉ with m ∈ [√½, √2) (bits, no call); ln m = 2 artanh(s) = 2(s + s³/3 + … + s⁹/9), s = (m − 1)/(m + 1),
    /// |s| ≤ 0.172, where the next term is below 10⁻⁹; then + e·ln 2 with ln 2 split in a high and a low part.
    @inline(__always)
    @inlinable public static func log(_ x: Float) -> Float {
        let bits = x.bitPattern
        var e = Int32(bitPattern: bits &>> 23) &- 127
        var m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000)   // [1, 2)
        let high = m > 1.414_213_562
        m = high ? m * 0.5 : m
        e = high ? e &+ 1 : e
        let s = (m - 1) / (m + 1), z = s * s
        var p: Float = 1.0 / 9
        p = p * z + 1.0 / 7
        p = p * z + 1.0 / 5
        p = p * z + 1.0 / 3
        let lnm = 2 * s + (2 * s) * (z * p)
        let ef = Float(e)
        return ef * 0.693_147_182_464_599_6 + (lnm + ef * -1.904_654_323_148_236e-9)
    }

    /// (sin πx, cos πx) for |x| < 2²¹. Reduction in half-turns, exact: n = rint(2x), r = x − n/2 ∈ [−¼, ¼];
    /// sin πr and cos πr by their Taylor series to r¹¹ and r¹² (coefficients πᵏ/k!; truncation < 2·10⁻¹⁰
    /// at |πr| ≤ π/4); the quadrant n mod 4 picks and signs them.
    @inline(__always)
    @inlinable public static func sinCosPi(_ x: Float) -> (sin: Float, cos: Float) {
        let magic: Float = 0x1.8p23
        let t = 2 * x + magic
        let n = t - magic
        let q = (Int32(bitPattern: t.bitPattern) &- 0x4B40_0000) & 3
        let r = x - 0.5 * n
        let z = r * r
        var ps: Float = -0.007_370_430_945_714_348
        ps = ps * z + 0.082_145_886_611_128_19
        ps = ps * z - 0.599_264_529_320_791_9
        ps = ps * z + 2.550_164_039_877_345
        ps = ps * z - 5.167_712_780_049_969
        let sr = r * 3.141_592_653_589_793 + (r * z) * ps
        var pc: Float = 0.001_929_574_309_403_922
        pc = pc * z - 0.025_806_891_390_014_05
        pc = pc * z + 0.235_330_630_358_893_12
        pc = pc * z - 1.335_262_768_854_589_3
        pc = pc * z + 4.058_712_126_416_768
        pc = pc * z - 4.934_802_200_544_679
        let cr = 1 + z * pc
        // sin(π(r + n/2)) and cos(π(r + n/2)) by quadrant q = n mod 4: odd q swaps sin and cos; the sign bit
        // of sin flips for q ∈ {2, 3}, that of cos for q ∈ {1, 2}. One select each and bit flips (nested
        // selects on q became a jump table, which kept the loop scalar).
        let swap = q & 1 != 0
        let sinX = Float(bitPattern: (swap ? cr : sr).bitPattern ^ (UInt32(bitPattern: q & 2) &<< 30))
        let cosX = Float(bitPattern: (swap ? sr : cr).bitPattern ^ (UInt32(bitPattern: (q &+ 1) & 2) &<< 30))
        return (sinX, cosX)
    }

    /// √x for x ≥ 0 (0 → 0; not for ∞ or NaN, which the sampler never has), without a call: 1/√x from the
    /// bit-level first guess (magic 0x5F37_5A86, relative error ≤ 3.5 %), two Newton steps y ← y(1.5 − ½x·y²)
    /// (the error squares: 2·10⁻³, 5·10⁻⁶), then s = x·y and one correction s + ½y·(x − s²) with the residual
    /// from an FMA (error ≈ 10⁻¹¹ before rounding). `Float.squareRoot()` became a libm call here, which kept
    /// the sampler's loop scalar. FastFloatMathTests asserts ≤ 1 ulp on [2⁻¹²⁶, 2¹²⁷).
    @inline(__always)
    @inlinable public static func squareRoot(_ x: Float) -> Float {
        var y = Float(bitPattern: 0x5F37_5A86 &- (x.bitPattern &>> 1))
        let h = 0.5 * x
        y = y * (1.5 - h * y * y)
        y = y * (1.5 - h * y * y)
        let s = x * y
        let residual = x.addingProduct(-s, s)
        let root = s.addingProduct(0.5 * y, residual)
        return x == 0 ? 0 : root
    }
}
