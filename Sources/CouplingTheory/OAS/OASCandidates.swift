import FlowCore

/// Candidate rotation sets for Algorithm 1: a 2D angle grid or Haar-random rotations.
public enum OASCandidates {
    /// `count` angles k·180°/count, k = 0…count−1: Δ(θ) has period 180°, so this covers every split.
    public static func angleGrid(count: Int) throws -> [Double] {
        guard count >= 1 else { throw TheoryError.invalidArgument(name: "angle count", value: "\(count)", reason: "must be ≥ 1") }
        return (0..<count).map { Double($0) * 180 / Double(count) }
    }

    /// Q(θ) = [[cos θ, −sin θ], [sin θ, cos θ]] (DESIGN.md convention; [p, a] = Q(θ)x, Eq. 25),
    /// i.e. FlowCore's `Rotation2D.matrix(degrees:)`.
    public static func rotation2D(degrees: Double) -> Matrix {
        Rotation2D.matrix(degrees: degrees)
    }

    /// `count` Haar-distributed rotations in SO(D) (FlowCore's `haarOrthogonal(special: true)`;
    /// the paper draws Q ∈ SO(D)).
    public static func haarRandom(dimension d: Int, count: Int, using rng: inout SeededGenerator) throws -> [Matrix] {
        guard d >= 2, count >= 1 else {
            throw TheoryError.invalidArgument(name: "dimension/count", value: "\(d)/\(count)", reason: "need D ≥ 2 and count ≥ 1")
        }
        return try (0..<count).map { _ in try OrthogonalMatrices.haarOrthogonal(dimension: d, special: true, using: &rng) }
    }
}
