import Foundation

/// Planar rotations with the project convention `[p, a] = Q(θ) x`, Q(θ) = [[cos θ, −sin θ], [sin θ, cos θ]].
public enum Rotation2D {
    /// Q(θ) for θ in degrees.
    public static func matrix(degrees: Double) -> Matrix {
        matrix(radians: degrees * Double.pi / 180)
    }

    /// Q(θ) for θ in radians.
    public static func matrix(radians theta: Double) -> Matrix {
        let c = cos(theta), s = sin(theta)
        // 4 values for a 2×2 shape: cannot fail.
        return try! Matrix(rows: 2, cols: 2, values: [c, -s, s, c])
    }
}
