extension Matrix {
    /// The first `count` rows (all of them when there are fewer).
    public func firstRows(_ count: Int) throws -> Matrix {
        guard count >= 0 else { throw FlowCoreError.invalidArgument(name: "row count", value: "\(count)", reason: "must be ≥ 0") }
        let n = min(count, rows)
        return try Matrix(rows: n, cols: cols, values: Array(values[0..<(n * cols)]))
    }
}
