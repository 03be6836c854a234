import FlowKernels

/// Optional soft clamping of the coupling's log-scale s (FrEIA style), bounding |s| < c.
///
/// - none: s = s_raw.
/// - tanh(c): s = c · tanh(s_raw / c), ds/ds_raw = 1 − (s/c)².
/// - atan(c): s = c · (2/π) · atan(s_raw / c), ds/ds_raw = (2/π) / (1 + (s_raw/c)²).
/// Both are ≈ identity for |s_raw| ≪ c, so Lemma 1's read-out is unaffected while |log σ| < c.
public enum SoftClamp: Codable, Sendable, Hashable {
    case none
    case tanh(Double)
    case atan(Double)

    /// Throws unless the clamp constant is finite and positive.
    func validate() throws {
        switch self {
        case .none: return
        case let .tanh(c), let .atan(c):
            guard c.isFinite, c > 0 else {
                throw FlowCoreError.invalidArgument(name: "soft clamp constant", value: "\(c)", reason: "must be finite and > 0")
            }
        }
    }

    /// s and ds/ds_raw for one raw value (`FastFloatMath` in Float, Foundation in Double).
    @inline(__always)
    func apply<T: FlowScalar>(_ raw: T) -> (s: T, slope: T) {
        switch self {
        case .none: return (raw, 1)
        case let .tanh(c): return Self.tanhClamp(raw, T(c))
        case let .atan(c): return Self.atanClamp(raw, T(c))
        }
    }

    /// c · tanh(raw / c) and its slope 1 − (s/c)²; the loops over a tile call this with c hoisted.
    @inline(__always)
    static func tanhClamp<T: FlowScalar>(_ raw: T, _ cc: T) -> (s: T, slope: T) {
        let s = cc * T.fastTanh(raw / cc), r = s / cc
        return (s, 1 - r * r)
    }

    /// c · (2/π) · atan(raw / c) and its slope (2/π) / (1 + (raw/c)²).
    @inline(__always)
    static func atanClamp<T: FlowScalar>(_ raw: T, _ cc: T) -> (s: T, slope: T) {
        let r = raw / cc, k = T(2 / Double.pi)
        return (cc * k * T.fastAtan(r), k / (1 + r * r))
    }
}
