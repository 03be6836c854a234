import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Settings of the general OAS: random start, then a Givens-rotation local search.
public struct GeneralOASConfig: Codable, Sendable, Hashable {
    /// Haar-random candidates for the start (Algorithm 1 over a random set).
    public var candidates: Int = 64
    /// Givens step sizes in degrees, tried in this order (coarse to fine).
    public var stepsDeg: [Double] = [20, 5, 1.25]
    /// At most this many sweeps over all axis pairs per step size.
    public var maxSweeps: Int = 4
    /// Δ̂ estimator for any D_P (binning needs D_P = 1).
    public var estimator: DeltaEstimator = .nearestNeighbours(NearestNeighbourConfig(neighbours: 32, maxQueries: 512))

    public init(candidates: Int = 64, stepsDeg: [Double] = [20, 5, 1.25], maxSweeps: Int = 4,
                estimator: DeltaEstimator = .nearestNeighbours(NearestNeighbourConfig(neighbours: 32, maxQueries: 512))) {
        self.candidates = candidates; self.stepsDeg = stepsDeg; self.maxSweeps = maxSweeps; self.estimator = estimator
    }
}

/// The rotation found and how it compares with the random start, Δ̂ on held-out samples.
public struct GeneralOASResult: Sendable, Equatable {
    /// Q (D × D): [p, a] = Q x, the first `passiveDimension` rows span the passive subspace.
    public var rotation: Matrix
    public var passiveDimension: Int
    /// Held-out Δ̂ of the best random candidate (chosen on the search half).
    public var bestRandomDelta: Double
    /// Held-out Δ̂ of `rotation`.
    public var delta: Double
    /// Accepted Givens moves.
    public var moves: Int
}

/// Eq. 23 over all of SO(D) for any split D_P + D_A: a search the paper leaves for future work.
///
/// The samples are split in halves. The start is the best of K Haar-random rotations by Δ̂ on the
/// search half. Then, for each step size δ, sweeps over axis pairs (i, j) of the rotated space (not both
/// passive: such a rotation leaves the passive subspace and every conditional moment unchanged) try
/// Q ← G_ij(±δ) Q; the better sign by search-half Δ̂ is accepted only if it also raises the held-out
/// Δ̂ — so the search cannot chase the noise of one half. Sweeps stop when none is accepted.
public enum GeneralOAS {
    public static func search(samples: Matrix, passiveDimension k: Int, config: GeneralOASConfig = .init(),
                              using rng: inout SeededGenerator) throws -> GeneralOASResult {
        let d = samples.cols
        guard k >= 1, k < d else {
            throw TheoryError.invalidArgument(name: "passive", value: "\(k)", reason: "must be in 1…\(d - 1) for D = \(d)")
        }
        guard config.candidates >= 1, config.maxSweeps >= 0 else {
            throw TheoryError.invalidArgument(name: "candidates", value: "\(config.candidates)", reason: "must be ≥ 1")
        }
        var order = Array(0..<samples.rows)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let half = samples.rows / 2
        let search = try rows(samples, Array(order[..<half])), heldOut = try rows(samples, Array(order[half...]))
        func delta(_ x: Matrix, _ q: Matrix) throws -> Double {
            try SampleDelta.estimate(samples: x, rotation: q, passiveDimension: k, estimator: config.estimator)
        }
        let start = try OptimalAffineSubspace.searchHaar(samples: search, count: config.candidates, passiveDimension: k,
                                                         estimator: config.estimator, using: &rng).best
        var q = start.rotation, dSearch = start.delta, dHeld = try delta(heldOut, q)
        let bestRandom = dHeld
        var moves = 0
        for step in config.stepsDeg {
            for _ in 0..<config.maxSweeps {
                var accepted = false
                for i in 0..<(d - 1) { for j in max(i + 1, k)..<d {
                    let plus = givens(q, i, j, step), minus = givens(q, i, j, -step)
                    let dp = try delta(search, plus), dm = try delta(search, minus)
                    let (candidate, dc) = dp >= dm ? (plus, dp) : (minus, dm)
                    guard dc > dSearch else { continue }
                    let dh = try delta(heldOut, candidate)
                    guard dh > dHeld else { continue }
                    q = candidate; dSearch = dc; dHeld = dh; moves += 1; accepted = true
                } }
                if !accepted { break }
            }
        }
        return GeneralOASResult(rotation: q, passiveDimension: k, bestRandomDelta: bestRandom, delta: dHeld, moves: moves)
    }

    /// G_ij(θ)·Q: rows i and j of Q rotated by θ degrees (stays orthogonal).
    public static func givens(_ q: Matrix, _ i: Int, _ j: Int, _ degrees: Double) -> Matrix {
        let t = degrees * Double.pi / 180, c = cos(t), s = sin(t)
        var out = q
        for col in 0..<q.cols {
            out[i, col] = c * q[i, col] - s * q[j, col]
            out[j, col] = s * q[i, col] + c * q[j, col]
        }
        return out
    }

    static func rows(_ x: Matrix, _ idx: [Int]) throws -> Matrix {
        try Matrix(rows: idx.count, cols: x.cols, values: idx.flatMap { x.row($0) })
    }
}
