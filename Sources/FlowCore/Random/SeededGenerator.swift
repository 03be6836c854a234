/// A seeded pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// Every random draw in CouplingLab comes from one of these, passed in explicitly, so that the
/// same seed gives bit-identical numbers. xoshiro256** (Blackman & Vigna, 2018) is fast, has a
/// 2^256 − 1 period and passes BigCrush; SplitMix64 spreads small integer seeds over the state.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// A cached second normal deviate from the polar method (nil when none is cached).
    private var spareNormal: Double?

    public init(seed: UInt64) {
        var sm = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&sm); s1 = splitMix(&sm); s2 = splitMix(&sm); s3 = splitMix(&sm)
        spareNormal = nil
    }

    @inlinable
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    public mutating func next() -> UInt64 {
        let result = SeededGenerator.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = SeededGenerator.rotl(s3, 45)
        return result
    }

    /// A uniform draw in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform draw in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * uniform()
    }

    /// A standard normal draw (Marsaglia's polar method; the second deviate is cached).
    public mutating func normal() -> Double {
        if let z = spareNormal { spareNormal = nil; return z }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let f = (-2 * _log(s) / s).squareRoot()
                spareNormal = v * f
                return u * f
            }
        }
    }

    /// A normal draw with the given mean and standard deviation.
    public mutating func normal(mean: Double, std: Double) -> Double {
        mean + std * normal()
    }

    /// An index drawn with probability proportional to `weights` (non-negative, positive sum).
    public mutating func categorical(_ weights: [Double]) throws -> Int {
        try CategoricalTable(weights).draw(using: &self)
    }

    /// An independent generator derived from this one's seed stream, for a parallel task `index`.
    public mutating func split() -> SeededGenerator {
        SeededGenerator(seed: next())
    }
}

#if canImport(Glibc)
import Glibc
@usableFromInline func _log(_ x: Double) -> Double { Glibc.log(x) }
#else
import Foundation
@usableFromInline func _log(_ x: Double) -> Double { Foundation.log(x) }
#endif

/// A categorical distribution prepared once for many draws: the weights are validated and their running
/// sums computed up front, so a draw is one uniform and a search — the same uniform, sums and comparisons
/// as `SeededGenerator.categorical`, hence the same index for the same generator state.
public struct CategoricalTable: Sendable {
    /// Running sums of the weights, in order (the last is their total).
    private let cumulative: [Double]
    /// The index returned when rounding leaves u ≥ every running sum: the last positive weight.
    private let fallback: Int

    /// Throws unless every weight is finite and ≥ 0 and their sum is positive.
    public init(_ weights: [Double]) throws {
        var total = 0.0
        for (i, w) in weights.enumerated() {
            guard w.isFinite, w >= 0 else {
                throw FlowCoreError.invalidArgument(name: "weights[\(i)]", value: "\(w)", reason: "must be finite and ≥ 0")
            }
            total += w
        }
        guard total > 0 else {
            throw FlowCoreError.invalidArgument(name: "weights", value: "\(weights)", reason: "sum must be positive")
        }
        var acc = 0.0
        cumulative = weights.map { acc += $0; return acc }  // the same additions as `total`: last == total
        fallback = weights.lastIndex { $0 > 0 }!
    }

    /// One draw: the first index whose running sum exceeds u·total, u uniform in [0, 1).
    public func draw(using rng: inout SeededGenerator) -> Int {
        let u = rng.uniform() * cumulative[cumulative.count - 1]
        for (i, acc) in cumulative.enumerated() where u < acc { return i }
        return fallback
    }
}
