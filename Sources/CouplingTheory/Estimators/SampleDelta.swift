import FlowCore

/// Which estimator of the conditional moments Algorithm 1 (step 5) uses.
public enum DeltaEstimator: Codable, Sendable, Hashable {
    /// Binning over p (Example 4); needs D_P = 1.
    case binning(BinningConfig)
    /// k nearest neighbours in p; any D_P.
    case nearestNeighbours(NearestNeighbourConfig)

    /// Example 4's choice: 32 equal-width bins.
    public static let example4 = DeltaEstimator.binning(BinningConfig())
}

/// Δ̂(Q) from samples: rotate, split into passive (first `passiveDimension` coordinates) and active
/// (the rest), estimate the conditional moments, and average Eq. 20's integrand.
public enum SampleDelta {
    public static func estimate(
        samples: Matrix, rotation: Matrix, passiveDimension: Int = 1, estimator: DeltaEstimator = .example4
    ) throws -> Double {
        let d = samples.cols
        guard passiveDimension >= 1, passiveDimension < d else {
            throw TheoryError.invalidArgument(
                name: "passiveDimension", value: "\(passiveDimension)", reason: "must be in 1…\(d - 1) for D = \(d)")
        }
        let y = try samples.rotatingRows(by: rotation)
        return try estimate(rotated: y, passiveDimension: passiveDimension, estimator: estimator)
    }

    /// As above for samples already rotated (`[p, a]` per row).
    public static func estimate(rotated y: Matrix, passiveDimension: Int = 1, estimator: DeltaEstimator = .example4) throws
        -> Double
    {
        let d = y.cols
        guard passiveDimension >= 1, passiveDimension < d else {
            throw TheoryError.invalidArgument(
                name: "passiveDimension", value: "\(passiveDimension)", reason: "must be in 1…\(d - 1) for D = \(d)")
        }
        switch estimator {
        case .binning(let config):
            guard passiveDimension == 1 else {
                throw TheoryError.invalidArgument(
                    name: "estimator", value: "binning", reason: "binning needs D_P = 1; use nearestNeighbours")
            }
            let active = (1..<d).map { y.column($0) }
            return try BinnedDelta.estimate(passive: y.column(0), active: active, config: config).delta
        case .nearestNeighbours(let config):
            let p = try columns(y, 0..<passiveDimension), a = try columns(y, passiveDimension..<d)
            return try NearestNeighbourDelta.estimate(passive: p, active: a, config: config)
        }
    }

    static func columns(_ m: Matrix, _ range: Range<Int>) throws -> Matrix {
        var values: [Double] = []
        values.reserveCapacity(m.rows * range.count)
        for i in 0..<m.rows { for j in range { values.append(m[i, j]) } }
        return try Matrix(rows: m.rows, cols: range.count, values: values)
    }
}
