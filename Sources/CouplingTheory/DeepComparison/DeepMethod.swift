/// The five ways of building a deep affine flow compared in Examples 6 and 7 (DESIGN.md method ids).
///
/// - `lw_*`: Algorithm 2 — block l is trained alone on the push-forward of the frozen blocks 1…l−1;
/// - `prog_*`: Example 7's "progressive" variant — iteration l trains blocks 1…l jointly;
/// - `e2e`: one fresh flow per depth with fixed Haar-random rotations, all blocks trained jointly.
/// `*_oas` choose Q_l by Algorithm 1 (max Δ̂ over an angle grid), `*_rnd` draw Q_l at random.
public enum DeepMethod: String, Codable, Sendable, CaseIterable {
    case lwOAS = "lw_oas", lwRND = "lw_rnd", progOAS = "prog_oas", progRND = "prog_rnd", e2e

    /// Which blocks an iteration of the iterative builders trains.
    public enum Mode: String, Codable, Sendable {
        /// Algorithm 2: iteration l trains block l only, on the push-forward of the frozen T^(l−1).
        case layerwise
        /// Example 7's "progressive": iteration l trains blocks 1…l jointly.
        case progressive
    }

    /// The label used in figures and tables, as in the paper's Fig. 5/6 ("LW-OAS", …).
    public var label: String {
        switch self {
        case .lwOAS: return "LW-OAS"
        case .lwRND: return "LW-RND"
        case .progOAS: return "PROG-OAS"
        case .progRND: return "PROG-RND"
        case .e2e: return "E2E"
        }
    }

    /// The construction mode of the iterative builders (nil for end-to-end).
    public var mode: Mode? {
        switch self {
        case .lwOAS, .lwRND: return .layerwise
        case .progOAS, .progRND: return .progressive
        case .e2e: return nil
        }
    }

    /// Whether each block is trained alone on a frozen prefix (the methods the sanity check applies to).
    public var isLayerwise: Bool { mode == .layerwise }

    /// Whether Q_l comes from Algorithm 1.
    public var usesOAS: Bool { self == .lwOAS || self == .progOAS }
}
