import FlowCore

/// One candidate rotation of Algorithm 1 with its estimated loss reduction.
public struct OASCandidate: Sendable, Equatable {
    /// Position in the candidate list as given.
    public var index: Int
    public var rotation: Matrix
    /// The angle in degrees for 2D grid candidates, else nil.
    public var angleDeg: Double?
    /// Δ̂(Q) (Eq. 20 estimated from samples).
    public var delta: Double
}

/// The outcome of Algorithm 1: every candidate's Δ̂ and the ranking.
public struct OASResult: Sendable, Equatable {
    /// Candidates in the order given.
    public var candidates: [OASCandidate]
    /// Candidates sorted by Δ̂, largest first (ties keep input order).
    public var ranked: [OASCandidate]
    /// `ranked[0]`: the argmax of Eq. 23 over the candidate set.
    public var best: OASCandidate { ranked[0] }
}

/// Algorithm 1, "Optimal Affine Subspace": pick the rotation maximizing Δ̂(Q) (Eq. 23) from a finite set.
public enum OptimalAffineSubspace {
    /// OAS over given rotations; samples are N×D, the first `passiveDimension` rotated coordinates are passive.
    public static func search(
        samples: Matrix, rotations: [Matrix], passiveDimension: Int = 1, estimator: DeltaEstimator = .example4,
        angles: [Double]? = nil
    ) throws -> OASResult {
        guard !rotations.isEmpty else {
            throw TheoryError.invalidArgument(name: "rotations", value: "[]", reason: "need at least one candidate")
        }
        var candidates: [OASCandidate] = []
        for (c, q) in rotations.enumerated() {
            let d = try SampleDelta.estimate(samples: samples, rotation: q, passiveDimension: passiveDimension, estimator: estimator)
            candidates.append(OASCandidate(index: c, rotation: q, angleDeg: angles?[c], delta: d))
        }
        let ranked = candidates.sorted { $0.delta > $1.delta || ($0.delta == $1.delta && $0.index < $1.index) }
        return OASResult(candidates: candidates, ranked: ranked)
    }

    /// OAS over a 2D angle grid (degrees), Q(θ) as in DESIGN.md.
    public static func search2D(samples: Matrix, anglesDeg: [Double], estimator: DeltaEstimator = .example4) throws
        -> OASResult
    {
        guard samples.cols == 2 else {
            throw TheoryError.invalidArgument(name: "samples.cols", value: "\(samples.cols)", reason: "2D search needs 2 columns")
        }
        let rotations = anglesDeg.map { OASCandidates.rotation2D(degrees: $0) }
        return try search(samples: samples, rotations: rotations, estimator: estimator, angles: anglesDeg)
    }

    /// OAS over `count` Haar-random rotations in D dimensions.
    public static func searchHaar(
        samples: Matrix, count: Int, passiveDimension: Int, estimator: DeltaEstimator, using rng: inout SeededGenerator
    ) throws -> OASResult {
        let rotations = try OASCandidates.haarRandom(dimension: samples.cols, count: count, using: &rng)
        return try search(samples: samples, rotations: rotations, passiveDimension: passiveDimension, estimator: estimator)
    }
}
