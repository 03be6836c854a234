import Foundation

/// Random orthogonal matrices and coordinate permutations for D-dimensional flows.
public enum OrthogonalMatrices {
    /// A Haar-distributed random orthogonal D×D matrix.
    ///
    /// Draws G with i.i.d. N(0, 1) entries and takes Q from G = QR with R's diagonal made positive
    /// (modified Gram–Schmidt yields that directly), which makes Q Haar-distributed on O(D)
    /// (Mezzadri 2007). det Q is then ±1 with probability ½ each; with `special: true` the first
    /// column's sign is flipped when det Q = −1, giving the Haar measure on SO(D).
    public static func haarOrthogonal(dimension: Int, special: Bool = false, using rng: inout SeededGenerator) throws -> Matrix {
        guard dimension >= 1 else {
            throw FlowCoreError.invalidArgument(name: "dimension", value: "\(dimension)", reason: "must be ≥ 1")
        }
        let d = dimension
        while true {
            var cols = (0..<d).map { _ in (0..<d).map { _ in rng.normal() } }
            var ok = true
            for j in 0..<d {
                // Two Gram–Schmidt passes ("twice is enough") keep QᵀQ = I to ~1e-15.
                for _ in 0..<2 {
                    for k in 0..<j {
                        let dot = zip(cols[j], cols[k]).reduce(0) { $0 + $1.0 * $1.1 }
                        for i in 0..<d { cols[j][i] -= dot * cols[k][i] }
                    }
                }
                let norm = cols[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
                if norm < 1e-10 { ok = false; break }  // degenerate draw (probability 0): redraw
                cols[j] = cols[j].map { $0 / norm }
            }
            guard ok else { continue }
            var q = Matrix(rows: d, cols: d)
            for i in 0..<d { for j in 0..<d { q[i, j] = cols[j][i] } }
            if special && determinant(q) < 0 {
                for i in 0..<d { q[i, 0] = -q[i, 0] }
            }
            return q
        }
    }

    /// The permutation matrix P with (P x)_i = x_{perm[i]}; throws unless `perm` is a permutation of 0..<D.
    public static func permutationMatrix(_ perm: [Int]) throws -> Matrix {
        guard Set(perm) == Set(0..<perm.count), !perm.isEmpty else {
            throw FlowCoreError.invalidArgument(name: "permutation", value: "\(perm)", reason: "must be a permutation of 0..<\(perm.count)")
        }
        var p = Matrix(rows: perm.count, cols: perm.count)
        for (i, j) in perm.enumerated() { p[i, j] = 1 }
        return p
    }

    /// The determinant by Gaussian elimination with partial pivoting.
    public static func determinant(_ m: Matrix) -> Double {
        guard m.rows == m.cols else { return .nan }
        var a = m, det = 1.0
        let n = m.rows
        for c in 0..<n {
            let pivot = (c..<n).max { abs(a[$0, c]) < abs(a[$1, c]) }!
            if a[pivot, c] == 0 { return 0 }
            if pivot != c {
                for j in 0..<n { let t = a[c, j]; a[c, j] = a[pivot, j]; a[pivot, j] = t }
                det = -det
            }
            det *= a[c, c]
            for r in (c + 1)..<max(c + 1, n) {
                let f = a[r, c] / a[c, c]
                for j in c..<n { a[r, j] -= f * a[c, j] }
            }
        }
        return det
    }

    /// Throws unless Q is square D×D with ‖QᵀQ − I‖_max ≤ `tolerance`.
    public static func validateOrthogonal(_ q: Matrix, dimension: Int, tolerance: Double = 1e-9) throws {
        guard q.rows == dimension, q.cols == dimension, q.values.count == dimension * dimension else {
            throw FlowCoreError.shapeMismatch(what: "rotation", expected: "\(dimension)×\(dimension)", got: "\(q.rows)×\(q.cols)")
        }
        guard q.isFinite else { throw FlowCoreError.nonFinite(what: "rotation") }
        for i in 0..<dimension {
            for j in 0..<dimension {
                var dot = 0.0
                for k in 0..<dimension { dot += q[k, i] * q[k, j] }
                if abs(dot - (i == j ? 1 : 0)) > tolerance {
                    throw FlowCoreError.invalidArgument(name: "rotation", value: "QᵀQ[\(i),\(j)] = \(dot)", reason: "must be orthogonal")
                }
            }
        }
    }
}

/// Shorthand for `OrthogonalMatrices.haarOrthogonal(dimension:special:using:)`.
public func haarOrthogonal(dimension: Int, special: Bool = false, using rng: inout SeededGenerator) throws -> Matrix {
    try OrthogonalMatrices.haarOrthogonal(dimension: dimension, special: special, using: &rng)
}

/// Shorthand for `OrthogonalMatrices.permutationMatrix(_:)`.
public func permutationMatrix(_ perm: [Int]) throws -> Matrix {
    try OrthogonalMatrices.permutationMatrix(perm)
}
