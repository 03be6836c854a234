import FlowCore
import Foundation

/// A flow fitted by `couplinglab fit`, with the column standardisation it was fitted under.
///
/// The flow acts on standardised data u = (x − mean) / scale, so the density in the original units is
/// log p(x) = log p_flow(u) − Σ_j log scale_j (the log-Jacobian of the standardisation).
/// Stored as JSON (docs/DESIGN.md, "Model files"); `version` changes whenever the format does.
public struct FittedModel: Codable, Sendable, Equatable {
    /// The format this build reads and writes.
    public static let currentVersion = 1
    public static let formatName = "couplinglab-flow"

    public var format: String = FittedModel.formatName
    public var version: Int = FittedModel.currentVersion
    /// lw-oas, lw-rnd, closed-form or e2e.
    public var method: String
    public var seed: UInt64
    /// Column names in the order the flow sees them.
    public var columns: [String]
    public var mean: [Double]
    public var scale: [Double]
    /// Share of the rows held out for the NLL (not used for fitting).
    public var testFraction: Double
    /// Held-out NLL (nats per row, original units, with the D/2·log 2π constant) after 0, 1, …, L layers.
    public var heldOutNLL: [Double]
    public var flow: Flow

    enum CodingKeys: String, CodingKey {
        case format, version, method, seed, columns, mean, scale, flow
        case testFraction = "test_fraction", heldOutNLL = "held_out_nll"
    }

    public init(method: String, seed: UInt64, columns: [String], mean: [Double], scale: [Double], testFraction: Double,
                heldOutNLL: [Double], flow: Flow) throws {
        let d = flow.dimension
        guard columns.count == d, mean.count == d, scale.count == d else {
            throw TheoryError.invalidArgument(name: "model", value: "\(columns.count)/\(mean.count)/\(scale.count) columns",
                                              reason: "columns, mean and scale must match the flow's dimension \(d)")
        }
        guard mean.allSatisfy(\.isFinite), scale.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw TheoryError.invalidArgument(name: "model", value: "mean/scale", reason: "must be finite, scale > 0")
        }
        self.method = method; self.seed = seed; self.columns = columns; self.mean = mean; self.scale = scale
        self.testFraction = testFraction; self.heldOutNLL = heldOutNLL; self.flow = flow
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(method: c.decode(String.self, forKey: .method), seed: c.decode(UInt64.self, forKey: .seed),
                      columns: c.decode([String].self, forKey: .columns), mean: c.decode([Double].self, forKey: .mean),
                      scale: c.decode([Double].self, forKey: .scale), testFraction: c.decode(Double.self, forKey: .testFraction),
                      heldOutNLL: c.decode([Double].self, forKey: .heldOutNLL), flow: c.decode(Flow.self, forKey: .flow))
        format = try c.decode(String.self, forKey: .format)
        version = try c.decode(Int.self, forKey: .version)
    }

    public var dimension: Int { flow.dimension }

    /// Σ_j log scale_j: subtracted from the standardised log-density.
    public var logScaleSum: Double { scale.reduce(0) { $0 + log($1) } }

    /// (x − mean) / scale per row.
    public func standardise(_ x: Matrix) throws -> Matrix {
        guard x.cols == dimension else {
            throw TheoryError.invalidArgument(name: "points", value: "\(x.cols) columns", reason: "the model has \(dimension) (\(columns.joined(separator: ", ")))")
        }
        var u = x
        for r in 0..<x.rows { for j in 0..<dimension { u[r, j] = (x[r, j] - mean[j]) / scale[j] } }
        return u
    }

    /// log p(x) per row in the original units.
    public func logDensity(at x: Matrix) throws -> [Double] {
        let shift = logScaleSum
        return try flow.logDensity(at: standardise(x)).map { $0 - shift }
    }

    /// `count` samples in the original units.
    public func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        var x = try flow.sample(count: count, using: &rng)
        for r in 0..<x.rows { for j in 0..<dimension { x[r, j] = x[r, j] * scale[j] + mean[j] } }
        return x
    }
}
