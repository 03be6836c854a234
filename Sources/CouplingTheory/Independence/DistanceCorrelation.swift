import FlowCore

/// Lemma 2 check, second statistic: distance correlation (Székely, Rizzo & Bakirov 2007) with a
/// permutation p-value. dCor = 0 iff the variables are independent (finite first moments), with no
/// bandwidth to choose; the same O(n²) cost and subsampling as `HSIC`.
public enum DistanceCorrelation {
    /// Tests x ⟂ y for paired rows; `statistic` is the (biased, V-statistic) squared distance correlation.
    public static func test(x: Matrix, y: Matrix, config: HSICConfig = .init(), using rng: inout SeededGenerator) throws
        -> IndependenceTestResult
    {
        guard x.rows == y.rows, x.rows >= 4 else {
            throw TheoryError.tooFewSamples(needed: 4, got: min(x.rows, y.rows), reason: "distance correlation needs ≥ 4 paired rows")
        }
        guard config.permutations >= 1, config.maxSamples >= 4 else {
            throw TheoryError.invalidArgument(name: "HSICConfig", value: "\(config)", reason: "need permutations ≥ 1, maxSamples ≥ 4")
        }
        guard x.isFinite, y.isFinite else { throw TheoryError.invalidArgument(name: "samples", value: "NaN or ±∞", reason: "must be finite") }
        let rows = HSIC.subsample(count: x.rows, keep: config.maxSamples, using: &rng)
        let n = rows.count
        let a = HSIC.centered(distances(x, rows), n: n), b = HSIC.centered(distances(y, rows), n: n)
        let identity = Array(0..<n)
        let vxx = HSIC.pairedSum(a, a, n: n, permutation: identity), vyy = HSIC.pairedSum(b, b, n: n, permutation: identity)
        let denominator = (vxx * vyy).squareRoot()
        guard denominator > 0 else {
            throw TheoryError.invalidArgument(name: "samples", value: "constant", reason: "a variable is constant on the sample")
        }
        let observed = HSIC.pairedSum(a, b, n: n, permutation: identity) / denominator
        var permutation = identity, exceed = 0
        for _ in 0..<config.permutations {
            HSIC.shuffle(&permutation, using: &rng)
            if HSIC.pairedSum(a, b, n: n, permutation: permutation) / denominator >= observed { exceed += 1 }
        }
        return IndependenceTestResult(
            statistic: observed, pValue: Double(1 + exceed) / Double(1 + config.permutations),
            permutations: config.permutations, sampleCount: n, bandwidthX: .nan, bandwidthY: .nan)
    }

    /// Scalar convenience.
    public static func test(x: [Double], y: [Double], config: HSICConfig = .init(), using rng: inout SeededGenerator) throws
        -> IndependenceTestResult
    {
        try test(x: Matrix(rows: x.count, cols: 1, values: x), y: Matrix(rows: y.count, cols: 1, values: y), config: config, using: &rng)
    }

    /// Euclidean distance matrix of the chosen rows.
    static func distances(_ m: Matrix, _ rows: [Int]) -> [Double] {
        let n = rows.count
        var d = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                var s = 0.0
                for c in 0..<m.cols { let e = m[rows[i], c] - m[rows[j], c]; s += e * e }
                d[i * n + j] = s.squareRoot(); d[j * n + i] = d[i * n + j]
            }
        }
        return d
    }
}
