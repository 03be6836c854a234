/// A dense row-major matrix of `Double`: N samples × D coordinates, a D×D rotation, a grid.
///
/// Samples are stored one row per sample so that a batch of 2D points is `rows = N, cols = 2`.
/// Hot training loops convert to `Float` buffers of their own; this type is the exchange format
/// between densities, flows, estimators and the command line, where accuracy matters more than speed.
public struct Matrix: Sendable, Equatable, Codable {
    public let rows: Int
    public let cols: Int
    public var values: [Double]

    /// A matrix of zeros.
    public init(rows: Int, cols: Int) {
        precondition(rows >= 0 && cols >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.values = [Double](repeating: 0, count: rows * cols)
    }

    /// A matrix from row-major values; throws when the count does not match.
    public init(rows: Int, cols: Int, values: [Double]) throws {
        guard rows >= 0, cols >= 0, values.count == rows * cols else {
            throw FlowCoreError.shapeMismatch(
                what: "Matrix values", expected: "\(rows)×\(cols) = \(rows * cols) values", got: "\(values.count)")
        }
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// A matrix from rows of equal length; throws on ragged input.
    public init(rowArrays: [[Double]]) throws {
        let cols = rowArrays.first?.count ?? 0
        for (i, row) in rowArrays.enumerated() where row.count != cols {
            throw FlowCoreError.shapeMismatch(what: "row \(i)", expected: "\(cols) columns", got: "\(row.count)")
        }
        self.rows = rowArrays.count
        self.cols = cols
        self.values = rowArrays.flatMap { $0 }
    }

    /// The D×D identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable
    public subscript(row: Int, col: Int) -> Double {
        get { values[row &* cols &+ col] }
        set { values[row &* cols &+ col] = newValue }
    }

    /// Row `i` as a fresh array.
    public func row(_ i: Int) -> [Double] { Array(values[(i * cols)..<((i + 1) * cols)]) }

    /// Column `j` as a fresh array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { values[$0 * cols + j] } }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { t[j, i] = self[i, j] } }
        return t
    }

    /// The matrix product `self · other`.
    public func multiplied(by other: Matrix) throws -> Matrix {
        guard cols == other.rows else {
            throw FlowCoreError.shapeMismatch(
                what: "matrix product", expected: "inner dimensions equal (\(cols))", got: "\(other.rows)")
        }
        var out = Matrix(rows: rows, cols: other.cols)
        for i in 0..<rows {
            for k in 0..<cols {
                let a = self[i, k]
                if a == 0 { continue }
                for j in 0..<other.cols { out[i, j] += a * other[k, j] }
            }
        }
        return out
    }

    /// Applies the linear map `x ↦ Q x` to every row (sample) of `self`: row_i ← Q · row_i.
    public func rotatingRows(by q: Matrix) throws -> Matrix {
        guard q.rows == cols, q.cols == cols else {
            throw FlowCoreError.shapeMismatch(
                what: "rotation", expected: "\(cols)×\(cols)", got: "\(q.rows)×\(q.cols)")
        }
        var out = Matrix(rows: rows, cols: cols)
        values.withUnsafeBufferPointer { x in
            out.values.withUnsafeMutableBufferPointer { y in
                for n in 0..<rows {
                    let base = n * cols
                    for i in 0..<cols {
                        var acc = 0.0
                        for j in 0..<cols { acc += q.values[i * cols + j] * x[base + j] }
                        y[base + i] = acc
                    }
                }
            }
        }
        return out
    }

    /// Makes this a rows × cols matrix, keeping the storage (and its contents) when the shape already
    /// matches, else zeros. For buffers refilled in place every training step.
    mutating func reshape(rows: Int, cols: Int) {
        if self.rows != rows || self.cols != cols { self = Matrix(rows: rows, cols: cols) }
    }

    /// Whether every entry is finite.
    public var isFinite: Bool { values.allSatisfy { $0.isFinite } }
}
