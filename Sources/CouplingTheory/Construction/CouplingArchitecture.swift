import FlowCore

/// The coupling subnet of every block.
public struct CouplingArchitecture: Codable, Sendable, Hashable {
    /// D_P: the first `passiveCount` rotated coordinates are passive.
    public var passiveCount: Int = 1
    public var hiddenWidths: [Int] = [64, 64]
    public var activation: Activation = .relu
    /// Soft clamp of s (DESIGN.md: allowed and stated in the report).
    public var clamp: SoftClamp = .atan(2)

    public init(passiveCount: Int = 1, hiddenWidths: [Int] = [64, 64], activation: Activation = .relu, clamp: SoftClamp = .atan(2)) {
        self.passiveCount = passiveCount; self.hiddenWidths = hiddenWidths; self.activation = activation; self.clamp = clamp
    }
}

extension Flow {
    /// Appends `rotation` and a fresh (identity-initialised) coupling of `architecture`.
    public mutating func appendBlock(rotation: Matrix, architecture a: CouplingArchitecture, using rng: inout SeededGenerator) throws {
        try appendBlock(rotation: rotation, passiveCount: a.passiveCount, hiddenWidths: a.hiddenWidths, activation: a.activation,
                        clamp: a.clamp, using: &rng)
    }
}
