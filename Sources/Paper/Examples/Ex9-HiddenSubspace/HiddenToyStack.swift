import CouplingTheory
import FlowCore

/// The D = 2·K data set with a known structure: x = R·y, where y stacks K independent 2D toys and
/// R is a Haar-random rotation. Theorem 1 has no closed form here, but the structure gives an
/// oracle rotation: undo R, then inside every pair take the best 2D OAS angle and put one rotated
/// coordinate of each pair into the passive block (so every active coordinate depends on one
/// passive coordinate only, that of its own toy).
struct HiddenToyStack: Density {
    let toys: [ToyKind]
    /// R (D × D), x = R y.
    let rotation: Matrix

    var dimension: Int { 2 * toys.count }
    var name: String { "hidden\(dimension)" }

    /// R drawn from `seed` (its own generator, so the data set does not depend on anything else).
    init(toys: [ToyKind], seed: UInt64) throws {
        self.toys = toys
        var rng = SeededGenerator(seed: seed)
        rotation = try OrthogonalMatrices.haarOrthogonal(dimension: 2 * toys.count, special: true, using: &rng)
    }

    /// The unrotated stack y (N × D), toy k in columns 2k, 2k+1.
    func sampleHidden(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        var y = Matrix(rows: count, cols: dimension)
        for (k, kind) in toys.enumerated() {
            let pair = try ToyDensity(kind: kind).sample(count: count, using: &rng)
            for i in 0..<count { y[i, 2 * k] = pair[i, 0]; y[i, 2 * k + 1] = pair[i, 1] }
        }
        return y
    }

    func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        try sampleHidden(count: count, using: &rng).rotatingRows(by: rotation)
    }

    /// Q* = M·Rᵀ: [p, a] = Q* x with p_k = first row of Q(θ_k) applied to toy k, a_k the second row.
    func oracleRotation(anglesDeg: [Double]) throws -> Matrix {
        let k = toys.count
        guard anglesDeg.count == k else {
            throw TheoryError.invalidArgument(name: "anglesDeg", value: "\(anglesDeg.count)", reason: "need one angle per toy (\(k))")
        }
        var m = Matrix(rows: dimension, cols: dimension)
        for (i, angle) in anglesDeg.enumerated() {
            let q = OASCandidates.rotation2D(degrees: angle)
            for c in 0..<2 { m[i, 2 * i + c] = q[0, c]; m[k + i, 2 * i + c] = q[1, c] }
        }
        return try m.multiplied(by: rotation.transposed)
    }

    /// The best 2D OAS angle of each toy (Algorithm 1 on an angle grid, Example 4's binning), from
    /// `count` samples of that toy alone; with the best Δ̂ of each pair.
    func pairOAS(count: Int, angles: Int, using rng: inout SeededGenerator) throws -> [(angleDeg: Double, delta: Double)] {
        try toys.map { kind in
            let x = try ToyDensity(kind: kind).sample(count: count, using: &rng)
            let best = try OptimalAffineSubspace.search2D(samples: x, anglesDeg: OASCandidates.angleGrid(count: angles)).best
            return (angleDeg: best.angleDeg ?? 0, delta: best.delta)
        }
    }
}
