import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Settings of the HSIC permutation test.
public struct HSICConfig: Codable, Sendable, Equatable {
    /// Permutations of the null distribution.
    public var permutations: Int = 200
    /// At most this many samples are used (a uniform random subset): Gram matrices cost O(n²)
    /// memory and each permutation O(n²) time, i.e. 8 MB and ~10⁶ multiply-adds at n = 1000.
    public var maxSamples: Int = 1000
    /// Multiplies both median-heuristic bandwidths. The median heuristic is nearly blind to dependence
    /// that oscillates faster than the bandwidth (a Gaussian kernel damps frequency ω by e^{−h²ω²/2}:
    /// W's m(p) = ½cos(πp) with h ≈ 1.2 is damped ~10³×); a scale < 1 (e.g. 0.2) restores power there.
    public var bandwidthScale: Double = 1

    public init(permutations: Int = 200, maxSamples: Int = 1000, bandwidthScale: Double = 1) {
        self.permutations = permutations; self.maxSamples = maxSamples; self.bandwidthScale = bandwidthScale
    }
}

/// The outcome of an independence test.
public struct IndependenceTestResult: Sendable, Equatable {
    /// The biased HSIC estimate tr(K H L H)/n² of the (sub)sample.
    public var statistic: Double
    /// (1 + #{null statistics ≥ observed}) / (1 + permutations): never 0, exact-level under H₀.
    public var pValue: Double
    public var permutations: Int
    /// Samples actually used (after subsampling).
    public var sampleCount: Int
    /// The median-heuristic Gaussian bandwidths of the two variables.
    public var bandwidthX: Double, bandwidthY: Double
}

/// Lemma 2 check: is a' independent of p? HSIC (Gretton et al. 2005/2008) with Gaussian kernels
/// k(u, v) = exp(−‖u − v‖²/(2h²)), h the median pairwise distance, and a permutation p-value.
public enum HSIC {
    /// Tests x ⟂ y for paired samples (rows of `x` and `y`, any dimensions).
    public static func test(x: Matrix, y: Matrix, config: HSICConfig = .init(), using rng: inout SeededGenerator) throws
        -> IndependenceTestResult
    {
        guard x.rows == y.rows, x.rows >= 4 else {
            throw TheoryError.tooFewSamples(needed: 4, got: min(x.rows, y.rows), reason: "HSIC needs ≥ 4 paired rows")
        }
        guard config.permutations >= 1, config.maxSamples >= 4, config.bandwidthScale > 0, config.bandwidthScale.isFinite else {
            throw TheoryError.invalidArgument(
                name: "HSICConfig", value: "\(config)", reason: "need permutations ≥ 1, maxSamples ≥ 4, bandwidthScale > 0")
        }
        guard x.isFinite, y.isFinite else { throw TheoryError.invalidArgument(name: "samples", value: "NaN or ±∞", reason: "must be finite") }
        let rows = subsample(count: x.rows, keep: config.maxSamples, using: &rng)
        let (k, hx) = gram(x, rows: rows, scale: config.bandwidthScale), (l, hy) = gram(y, rows: rows, scale: config.bandwidthScale)
        let kc = centered(k, n: rows.count)
        let n = rows.count
        let identity = Array(0..<n)
        let observed = pairedSum(kc, l, n: n, permutation: identity) / Double(n * n)
        var permutation = identity
        var exceed = 0
        for _ in 0..<config.permutations {
            shuffle(&permutation, using: &rng)
            if pairedSum(kc, l, n: n, permutation: permutation) / Double(n * n) >= observed { exceed += 1 }
        }
        return IndependenceTestResult(
            statistic: observed, pValue: Double(1 + exceed) / Double(1 + config.permutations),
            permutations: config.permutations, sampleCount: n, bandwidthX: hx, bandwidthY: hy)
    }

    /// Scalar convenience: tests x ⟂ y for two equally long arrays.
    public static func test(x: [Double], y: [Double], config: HSICConfig = .init(), using rng: inout SeededGenerator) throws
        -> IndependenceTestResult
    {
        try test(x: Matrix(rows: x.count, cols: 1, values: x), y: Matrix(rows: y.count, cols: 1, values: y), config: config, using: &rng)
    }

    /// Σ_ij A_ij B_{π(i)π(j)} — tr(A P B Pᵀ), the HSIC numerator with y permuted.
    static func pairedSum(_ a: [Double], _ b: [Double], n: Int, permutation pi: [Int]) -> Double {
        var total = 0.0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for i in 0..<n {
                    let rowA = i &* n, rowB = pi[i] &* n
                    var acc = 0.0
                    for j in 0..<n { acc += a[rowA &+ j] * b[rowB &+ pi[j]] }
                    total += acc
                }
            }
        }
        return total
    }

    /// Gaussian Gram matrix of the chosen rows with bandwidth `scale` × the median pairwise distance
    /// (the median heuristic; 1 if all points coincide).
    static func gram(_ m: Matrix, rows: [Int], scale: Double = 1) -> ([Double], Double) {
        let n = rows.count
        var d2 = [Double](repeating: 0, count: n * n)
        var offDiagonal: [Double] = []
        offDiagonal.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                var s = 0.0
                for c in 0..<m.cols { let e = m[rows[i], c] - m[rows[j], c]; s += e * e }
                d2[i * n + j] = s; d2[j * n + i] = s
                offDiagonal.append(s)
            }
        }
        offDiagonal.sort()
        let median = offDiagonal.isEmpty ? 1 : offDiagonal[offDiagonal.count / 2].squareRoot()
        let h = (median > 0 ? median : 1) * scale
        return (d2.map { exp(-$0 / (2 * h * h)) }, h)
    }

    /// H K H with H = I − 11ᵀ/n (double centring).
    static func centered(_ k: [Double], n: Int) -> [Double] {
        var rowMean = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<n { rowMean[i] += k[i * n + j] } ; rowMean[i] /= Double(n) }
        let grand = rowMean.reduce(0, +) / Double(n)
        var out = k
        for i in 0..<n { for j in 0..<n { out[i * n + j] = k[i * n + j] - rowMean[i] - rowMean[j] + grand } }
        return out
    }

    /// A uniform random subset of `keep` of `count` indices (partial Fisher–Yates), or all of them.
    /// Public so that Example 5's sequential test (Paper module) draws exactly this stream.
    public static func subsample(count: Int, keep: Int, using rng: inout SeededGenerator) -> [Int] {
        var idx = Array(0..<count)
        guard keep < count else { return idx }
        for i in 0..<keep { idx.swapAt(i, i + Int(rng.uniform() * Double(count - i))) }
        return Array(idx[0..<keep])
    }

    /// Fisher–Yates over `a`, from its end.
    public static func shuffle(_ a: inout [Int], using rng: inout SeededGenerator) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, Int(rng.uniform() * Double(i + 1))) }
    }
}
