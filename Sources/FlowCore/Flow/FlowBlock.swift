/// One block T_l = τ_l ∘ Q_l of Eq. (4): a fixed orthogonal map followed by an affine coupling.
public struct FlowBlock: Codable, Sendable, Equatable {
    /// Q_l (D × D, orthogonal): rows of the input are mapped x ↦ Q x before the coupling.
    public let rotation: Matrix
    public var coupling: AffineCoupling

    /// Throws unless Q is orthogonal (‖QᵀQ − I‖_max ≤ 1e-9) and matches the coupling's dimension.
    public init(rotation: Matrix, coupling: AffineCoupling) throws {
        try OrthogonalMatrices.validateOrthogonal(rotation, dimension: coupling.dimension)
        self.rotation = rotation
        self.coupling = coupling
    }
}
