import FlowCore
import Foundation

/// Settings of `couplinglab bound`: Δ̂(θ) on an angle grid by the binning estimator (Example 4).
public struct BoundAnalysisConfig: Codable, Sendable, Equatable {
    /// Grid size: angles k·180°/angleCount (Δ has period 180°).
    public var angleCount: Int = 180
    /// Bins over p (Example 4: 32); at least `minSamplesPerBin · bins` samples are required.
    public var bins: Int = 32
    public var scheme: BinningConfig.Scheme = .equalWidth
    public var minSamplesPerBin: Int = 4

    public init(angleCount: Int = 180, bins: Int = 32, scheme: BinningConfig.Scheme = .equalWidth, minSamplesPerBin: Int = 4) {
        self.angleCount = angleCount; self.bins = bins; self.scheme = scheme; self.minSamplesPerBin = minSamplesPerBin
    }
}

/// Δ̂(θ) over the grid and the best rotation (Algorithm 1 on a 2D grid), as `bound` prints it.
public struct BoundAnalysisResult: Codable, Sendable, Equatable {
    public var anglesDeg: [Double]
    public var delta: [Double]
    public var bestAngleDeg: Double
    public var bestDelta: Double
}

/// The library side of `couplinglab bound`, so the command is a thin wrapper and testable here.
public enum BoundAnalysis {
    /// Validates the samples (N×2, finite, N ≥ minSamplesPerBin·bins) and runs OAS on the grid.
    public static func run(samples: Matrix, config: BoundAnalysisConfig = .init()) throws -> BoundAnalysisResult {
        guard samples.cols == 2 else {
            throw TheoryError.invalidArgument(name: "samples", value: "\(samples.cols) columns", reason: "need exactly 2")
        }
        guard config.bins >= 1 else { throw TheoryError.invalidArgument(name: "bins", value: "\(config.bins)", reason: "must be ≥ 1") }
        guard samples.isFinite else { throw TheoryError.invalidArgument(name: "samples", value: "NaN or ±∞", reason: "must be finite") }
        let needed = config.minSamplesPerBin * config.bins
        guard samples.rows >= needed else {
            throw TheoryError.tooFewSamples(
                needed: needed, got: samples.rows, reason: "\(config.minSamplesPerBin) per bin × \(config.bins) bins")
        }
        let angles = try OASCandidates.angleGrid(count: config.angleCount)
        let binning = BinningConfig(bins: config.bins, scheme: config.scheme, minSamplesPerBin: config.minSamplesPerBin)
        let oas = try OptimalAffineSubspace.search2D(samples: samples, anglesDeg: angles, estimator: .binning(binning))
        if let bad = oas.candidates.first(where: { !$0.delta.isFinite }) {
            throw TheoryError.invalidArgument(
                name: "samples", value: "Δ̂ = \(bad.delta) at θ = \(bad.angleDeg ?? 0)°",
                reason: "a bin has zero variance of the active coordinate (repeated points?)")
        }
        return BoundAnalysisResult(
            anglesDeg: angles, delta: oas.candidates.map(\.delta), bestAngleDeg: oas.best.angleDeg ?? 0,
            bestDelta: oas.best.delta)
    }

    /// `{"angles_deg": [...], "delta": [...], "best_angle_deg": x, "best_delta": y}` (DESIGN.md order),
    /// numbers in Swift's shortest round-trip form.
    public static func json(_ r: BoundAnalysisResult) -> String {
        func list(_ xs: [Double]) -> String { "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]" }
        return "{\"angles_deg\": \(list(r.anglesDeg)), \"delta\": \(list(r.delta)), "
            + "\"best_angle_deg\": \(r.bestAngleDeg), \"best_delta\": \(r.bestDelta)}"
    }

    /// A plain table: one line per angle (degrees with 2 decimals, Δ̂ with 6), then the best rotation.
    public static func table(_ r: BoundAnalysisResult) -> String {
        var lines = ["angle_deg     delta"]
        for (a, d) in zip(r.anglesDeg, r.delta) { lines.append(String(format: "%9.2f  %8.6f", a, d)) }
        lines.append(String(format: "best: angle %.2f deg, delta %.6f", r.bestAngleDeg, r.bestDelta))
        return lines.joined(separator: "\n")
    }
}
