import Foundation

extension Flow {
    /// The model log-density log p(x) = −½‖T(x)‖² − (D/2) log 2π + Σ_l log|det J_l(x)| per row.
    public func logDensity(at x: Matrix) throws -> [Double] {
        let (z, logDet) = try forward(x)
        let c = 0.5 * Double(dimension) * log(2 * Double.pi)
        return (0..<x.rows).map { r in
            var sq = 0.0
            for i in 0..<dimension { sq += z[r, i] * z[r, i] }
            return -0.5 * sq - c + logDet[r]
        }
    }

    /// log p on an ny × nx grid (2D flows): entry [i, j] is at (x_j, y_i) with x_j, y_i evenly spaced
    /// over the closed ranges (endpoints included).
    public func logDensityGrid(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, nx: Int, ny: Int) throws -> Matrix {
        guard dimension == 2 else {
            throw FlowCoreError.invalidArgument(name: "dimension", value: "\(dimension)", reason: "grids need a 2D flow")
        }
        guard nx >= 2, ny >= 2 else {
            throw FlowCoreError.invalidArgument(name: "grid size", value: "\(nx)×\(ny)", reason: "need ≥ 2 points per axis")
        }
        guard [xRange.lowerBound, xRange.upperBound, yRange.lowerBound, yRange.upperBound].allSatisfy(\.isFinite) else {
            throw FlowCoreError.nonFinite(what: "grid range")
        }
        var points = Matrix(rows: nx * ny, cols: 2)
        for i in 0..<ny {
            let y = yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(i) / Double(ny - 1)
            for j in 0..<nx {
                points[i * nx + j, 0] = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(j) / Double(nx - 1)
                points[i * nx + j, 1] = y
            }
        }
        return try Matrix(rows: ny, cols: nx, values: logDensity(at: points))
    }

    /// `count` samples x = T⁻¹(z), z ~ N(0, I).
    public func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        try validateSampleCount(count)
        var z = Matrix(rows: count, cols: dimension)
        for k in 0..<z.values.count { z.values[k] = rng.normal() }
        return try inverse(z)
    }
}
