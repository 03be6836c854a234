/// The push-forward of a density under an orthogonal map: y = Q x with x ~ base.
///
/// log μ_Q(y) = log μ(Qᵀ y) (|det Q| = 1), and H[μ_Q] = H[μ]. Samples are base samples with
/// every row mapped by Q, matching the convention `[p, a] = Q x`.
public struct RotatedDensity: Density {
    public let base: any Density
    public let rotation: Matrix

    /// Throws unless `rotation` is an orthogonal D×D matrix (D = base.dimension).
    public init(base: any Density, rotation: Matrix) throws {
        try OrthogonalMatrices.validateOrthogonal(rotation, dimension: base.dimension)
        self.base = base
        self.rotation = rotation
    }

    public var dimension: Int { base.dimension }
    public var name: String { "rotated \(base.name)" }

    public func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        try base.sample(count: count, using: &rng).rotatingRows(by: rotation)
    }

    public func logDensity(at y: [Double]) -> Double? {
        guard y.count == dimension else { return nil }
        let d = dimension
        var x = [Double](repeating: 0, count: d)
        for i in 0..<d { for j in 0..<d { x[i] += rotation[j, i] * y[j] } }
        return base.logDensity(at: x)
    }

    public var entropy: Double? { base.entropy }
}
