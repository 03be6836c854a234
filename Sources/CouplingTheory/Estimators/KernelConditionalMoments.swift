import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Settings of the local-linear estimator of the conditional moments m(a|p), σ(a|p) for D_P = 1.
public struct KernelMomentsConfig: Codable, Sendable, Equatable {
    /// Knots: K = clamp(N / samplesPerKnot, minKnots, maxKnots) quantiles of p (both extremes included).
    public var samplesPerKnot: Int = 32
    public var minKnots: Int = 16
    public var maxKnots: Int = 256
    /// Bandwidth candidates as multiples of Silverman's h₀ = 0.9·min(sd, IQR/1.34)·N^{−1/5}.
    public var bandwidthFactors: [Double] = (-6...3).map { pow(2, Double($0) / 2) }
    /// Share of the samples held out to choose the bandwidth (then all samples are used).
    public var validationFraction: Double = 0.2
    /// σ̂ ≥ minStdFraction · sd(a) per active coordinate, so that s = −log σ̂ stays bounded.
    public var minStdFraction: Double = 1e-3

    public init(samplesPerKnot: Int = 32, minKnots: Int = 16, maxKnots: Int = 256,
                bandwidthFactors: [Double] = (-6...3).map { pow(2, Double($0) / 2) },
                validationFraction: Double = 0.2, minStdFraction: Double = 1e-3) {
        self.samplesPerKnot = samplesPerKnot; self.minKnots = minKnots; self.maxKnots = maxKnots
        self.bandwidthFactors = bandwidthFactors; self.validationFraction = validationFraction
        self.minStdFraction = minStdFraction
    }
}

/// Estimated conditional moments on a knot grid, and how the bandwidth was chosen.
public struct ConditionalMomentFit: Sendable, Equatable {
    /// Strictly increasing knots (quantiles of p).
    public var knots: [Double]
    /// m̂ and σ̂ at the knots: K rows × D_A columns.
    public var mean: Matrix, std: Matrix
    /// The bandwidth used for the final fit (on all samples).
    public var bandwidth: Double
    /// Every candidate bandwidth (on the training part) and its held-out per-sample loss ½a'² − s.
    public var candidates: [(bandwidth: Double, heldOutLoss: Double)]
    /// On the inner held-out rows: mean of (identity layer's loss ½a² − the chosen layer's loss), and its
    /// standard error (paired, per row). A gain within noise says the layer would only fit noise.
    public var heldOutGain: Double = 0, heldOutGainSE: Double = 0

    public static func == (l: Self, r: Self) -> Bool {
        l.knots == r.knots && l.mean == r.mean && l.std == r.std && l.bandwidth == r.bandwidth
            && l.candidates.map(\.bandwidth) == r.candidates.map(\.bandwidth)
            && l.candidates.map(\.heldOutLoss) == r.candidates.map(\.heldOutLoss)
            && l.heldOutGain == r.heldOutGain && l.heldOutGainSE == r.heldOutGainSE
    }

    /// Lemma 1's s = −log σ̂ and t = −m̂/σ̂ at the knots (Eqs. 9–10).
    public var scaleAndShift: (scale: Matrix, shift: Matrix) {
        var s = std, t = mean
        for k in 0..<s.values.count {
            let o = LemmaOne.optimalScaleAndShift(mean: mean.values[k], std: std.values[k])
            s.values[k] = o.scale; t.values[k] = o.shift
        }
        return (s, t)
    }
}

/// Local-linear kernel regression of a and of the squared residual on p (Gaussian kernel cut at 4h).
///
/// At each knot x: m̂(x) = local-linear fit of a; v̂(x) = local-linear fit of (a − m̂(p))², with m̂(p)
/// linearly interpolated from the knots; σ̂ = √max(v̂, (minStdFraction·sd a)²). Local-linear (not
/// local-constant) keeps the boundary bias O(h²) at the ends of the range of p. The bandwidth is the
/// candidate with the smallest held-out loss ½a'² − s of the resulting Lemma 1 layer — the very quantity
/// the layer is meant to minimise — and is then rescaled by (N/N_train)^{−1/5} for the final fit.
public enum KernelConditionalMoments {
    /// `passive`: N values of p; `active`: N × D_A. Deterministic given `rng`.
    public static func fit(passive: [Double], active: Matrix, config: KernelMomentsConfig = .init(),
                           using rng: inout SeededGenerator) throws -> ConditionalMomentFit {
        let n = passive.count
        guard active.rows == n, active.cols >= 1 else {
            throw TheoryError.invalidArgument(name: "active", value: "\(active.rows)×\(active.cols)", reason: "need \(n) rows, ≥ 1 column")
        }
        guard n >= 20 else { throw TheoryError.tooFewSamples(needed: 20, got: n, reason: "closed-form coupling") }
        guard passive.allSatisfy(\.isFinite), active.isFinite else {
            throw TheoryError.invalidArgument(name: "samples", value: "NaN or ±∞", reason: "must be finite")
        }
        guard !config.bandwidthFactors.isEmpty, config.bandwidthFactors.allSatisfy({ $0 > 0 && $0.isFinite }),
              config.validationFraction > 0, config.validationFraction < 1 else {
            throw TheoryError.invalidArgument(name: "kernel moments config", value: "\(config)", reason: "factors > 0, fraction in (0, 1)")
        }
        var order = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let nValid = max(1, Int(Double(n) * config.validationFraction))
        let train = Array(order[nValid...]), valid = Array(order[..<nValid])
        let trainSet = try SortedSamples(passive: passive, active: active, rows: train)
        let h0 = trainSet.silvermanBandwidth
        var candidates: [(bandwidth: Double, heldOutLoss: Double)] = []
        for f in config.bandwidthFactors {
            let fit = try trainSet.smooth(bandwidth: f * h0, config: config)
            candidates.append((f * h0, heldOutLoss(fit, passive: passive, active: active, rows: valid)))
        }
        let best = candidates.min { $0.heldOutLoss < $1.heldOutLoss }!
        let gains = try rowGains(trainSet.smooth(bandwidth: best.bandwidth, config: config), passive: passive, active: active, rows: valid)
        let all = try SortedSamples(passive: passive, active: active, rows: Array(0..<n))
        var final = try all.smooth(bandwidth: best.bandwidth * pow(Double(n) / Double(train.count), -0.2), config: config)
        final.candidates = candidates
        let g = MonteCarloEstimate(samples: gains)
        final.heldOutGain = g.value
        final.heldOutGainSE = g.standardError
        return final
    }

    /// Per row of `rows`: Σ_j ½a_j² (identity layer) − Σ_j (½a'_j² − s_j) (the fitted layer).
    static func rowGains(_ fit: ConditionalMomentFit, passive: [Double], active: Matrix, rows: [Int]) -> [Double] {
        rows.map { r in
            let identity = (0..<active.cols).reduce(0.0) { $0 + 0.5 * active[r, $1] * active[r, $1] }
            return identity - heldOutLoss(fit, passive: passive, active: active, rows: [r])
        }
    }

    /// Mean over `rows` of Σ_j ½a'_j² − s_j for the Lemma 1 layer with s, t interpolated from `fit`'s knots.
    static func heldOutLoss(_ fit: ConditionalMomentFit, passive: [Double], active: Matrix, rows: [Int]) -> Double {
        let (s, t) = fit.scaleAndShift
        let sCols = (0..<s.cols).map { s.column($0) }, tCols = (0..<t.cols).map { t.column($0) }
        var total = 0.0
        for r in rows {
            for j in 0..<active.cols {
                let sj = PiecewiseLinear.evaluate(knots: fit.knots, values: sCols[j], at: passive[r])
                let tj = PiecewiseLinear.evaluate(knots: fit.knots, values: tCols[j], at: passive[r])
                let a1 = active[r, j] * exp(sj) + tj
                total += 0.5 * a1 * a1 - sj
            }
        }
        return total / Double(rows.count)
    }
}
