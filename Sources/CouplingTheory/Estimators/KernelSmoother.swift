import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Samples (p, a) sorted by p, with the local-linear smoother of `KernelConditionalMoments`.
struct SortedSamples {
    let p: [Double]
    /// Row-major N × D_A, rows in the order of `p`.
    let a: [Double]
    let activeCount: Int

    init(passive: [Double], active: Matrix, rows: [Int]) throws {
        let sorted = rows.sorted { passive[$0] < passive[$1] || (passive[$0] == passive[$1] && $0 < $1) }
        p = sorted.map { passive[$0] }
        activeCount = active.cols
        var values: [Double] = []
        values.reserveCapacity(sorted.count * activeCount)
        for r in sorted { for j in 0..<activeCount { values.append(active[r, j]) } }
        a = values
        guard p.last! > p.first! else {
            throw TheoryError.invalidArgument(name: "passive coordinate", value: "constant \(p.first!)", reason: "needs at least two distinct values")
        }
    }

    var count: Int { p.count }

    /// Silverman's rule h₀ = 0.9·min(sd, IQR/1.34)·N^{−1/5} (sd alone when the IQR is 0).
    var silvermanBandwidth: Double {
        let n = Double(count)
        let mean = p.reduce(0, +) / n
        let sd = (p.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(n - 1, 1)).squareRoot()
        let iqr = p[Int(0.75 * (n - 1))] - p[Int(0.25 * (n - 1))]
        let spread = iqr > 0 ? min(sd, iqr / 1.34) : sd
        return 0.9 * spread * pow(n, -0.2)
    }

    /// K distinct quantiles of p, both extremes included.
    func knots(config: KernelMomentsConfig) -> [Double] {
        let k = min(config.maxKnots, max(config.minKnots, count / max(config.samplesPerKnot, 1)))
        var knots: [Double] = []
        for i in 0..<k {
            let x = p[Int((Double(i) / Double(k - 1) * Double(count - 1)).rounded())]
            if knots.last.map({ x > $0 }) ?? true { knots.append(x) }
        }
        return knots
    }

    /// m̂, σ̂ at the knots for bandwidth h (see `KernelConditionalMoments`).
    func smooth(bandwidth h: Double, config: KernelMomentsConfig) throws -> ConditionalMomentFit {
        let knots = self.knots(config: config)
        let d = activeCount
        let mean = localLinear(values: a, width: d, at: knots, bandwidth: h).linear
        var squared = [Double](repeating: 0, count: a.count)
        for j in 0..<d {
            let mj = (0..<knots.count).map { mean[$0 * d + j] }
            for i in 0..<count {
                let r = a[i * d + j] - PiecewiseLinear.evaluate(knots: knots, values: mj, at: p[i])
                squared[i * d + j] = r * r
            }
        }
        // Variances, then σ̂. A local-linear variance can dip towards 0 (or below) at the ends of the
        // range, and a tiny σ̂ there costs ½a'² on every point beyond it: it is kept ≥ ¼ of the
        // local-constant variance (always positive) and ≥ (minStdFraction·sd a)².
        let (linearVar, constantVar) = localLinear(values: squared, width: d, at: knots, bandwidth: h)
        var std = linearVar
        for j in 0..<d {
            let floor = config.minStdFraction * columnStd(j)
            for k in 0..<knots.count {
                std[k * d + j] = max(linearVar[k * d + j], 0.25 * constantVar[k * d + j], floor * floor).squareRoot()
            }
        }
        return ConditionalMomentFit(knots: knots, mean: try Matrix(rows: knots.count, cols: d, values: mean),
                                    std: try Matrix(rows: knots.count, cols: d, values: std),
                                    bandwidth: h, candidates: [])
    }

    private func columnStd(_ j: Int) -> Double {
        let d = activeCount, n = Double(count)
        var s = 0.0, ss = 0.0
        for i in 0..<count { s += a[i * d + j] }
        let m = s / n
        for i in 0..<count { ss += (a[i * d + j] - m) * (a[i * d + j] - m) }
        return max((ss / max(n - 1, 1)).squareRoot(), 1e-12)
    }

    /// Local-linear regression of each of the `width` columns of `values` (row-major, rows as `p`) at
    /// each point of `xs`, Gaussian kernel exp(−u²/2h_x²) cut at |u| ≤ 4h_x, and the local-constant
    /// (Nadaraya–Watson) fit beside it. h_x = max(h, d_m(x)/2) with d_m the distance to the m-th nearest
    /// sample (m = `minNeighbours`): in sparse tails a fixed h would leave a handful of points, and a line
    /// through three points extrapolates wildly. Where the local design is still degenerate the
    /// local-constant fit is used.
    func localLinear(values: [Double], width: Int, at xs: [Double], bandwidth h: Double,
                     minNeighbours: Int = 24) -> (linear: [Double], constant: [Double]) {
        var out = [Double](repeating: 0, count: xs.count * width), nw = out
        var t0 = [Double](repeating: 0, count: width), t1 = t0
        for (k, x) in xs.enumerated() {
            let hx = max(h, neighbourDistance(x, min(minNeighbours, count)) / 2)
            let lo = lowerBound(x - 4 * hx), hi = max(lowerBound(x + 4 * hx + .ulpOfOne), lo + 1)
            var s0 = 0.0, s1 = 0.0, s2 = 0.0
            for j in 0..<width { t0[j] = 0; t1[j] = 0 }
            let inv = 1 / (2 * hx * hx)
            for i in lo..<min(hi, count) {
                let u = p[i] - x, w = exp(-u * u * inv) + 1e-300
                s0 += w; s1 += w * u; s2 += w * u * u
                for j in 0..<width { let y = values[i * width + j]; t0[j] += w * y; t1[j] += w * u * y }
            }
            let det = s0 * s2 - s1 * s1
            let linear = hi - lo >= 3 && det > 1e-10 * s0 * s2
            for j in 0..<width {
                nw[k * width + j] = t0[j] / s0
                out[k * width + j] = linear ? (s2 * t0[j] - s1 * t1[j]) / det : t0[j] / s0
            }
        }
        return (out, nw)
    }

    /// The distance from x to its m-th nearest sample (m ≥ 1), by merging outwards from x's position.
    private func neighbourDistance(_ x: Double, _ m: Int) -> Double {
        var right = lowerBound(x), left = right - 1, last = 0.0
        for _ in 0..<m {
            let dl = left >= 0 ? x - p[left] : .infinity, dr = right < count ? p[right] - x : .infinity
            if dl <= dr { last = dl; left -= 1 } else { last = dr; right += 1 }
        }
        return last
    }

    /// The first index with p[i] ≥ x.
    private func lowerBound(_ x: Double) -> Int {
        var lo = 0, hi = count
        while lo < hi { let mid = (lo + hi) / 2; if p[mid] < x { lo = mid + 1 } else { hi = mid } }
        return lo
    }

}
