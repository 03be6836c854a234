import CouplingTheory
import FlowCore
import Foundation

/// The real data set of Example 9: a CSV under the package's `data/` folder (see data/README.md),
/// read from the source tree at run time like the prose, and part of the stage's cache key.
struct TabularSet {
    /// Package-relative path of the CSV.
    let relativePath: String
    /// The columns used (header names).
    let columns: [String]

    /// The package root: the folder holding `Sources/` above this file.
    static var packageRoot: String {
        let path = #filePath
        guard let range = path.range(of: "/Sources/", options: .backwards) else { return "." }
        return String(path[..<range.lowerBound])
    }

    var absolutePath: String { Self.packageRoot + "/" + relativePath }

    func load() throws -> NumericTable {
        guard let text = try? String(contentsOfFile: absolutePath, encoding: .utf8) else {
            throw TheoryError.invalidArgument(name: "data set", value: absolutePath, reason: "cannot be read (run from the source tree)")
        }
        return try TableCSV.parse(text: text, columns: columns, minimumColumns: 2)
    }

    /// Split `seed`: a seeded shuffle, the first `testFraction` of rows held out, both parts
    /// standardised with the training rows' mean and standard deviation (n − 1).
    static func split(_ x: Matrix, testFraction: Double, seed: UInt64) throws -> (train: Matrix, test: Matrix) {
        var rng = SeededGenerator(seed: seed)
        var order = Array(0..<x.rows)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let nTest = Int((Double(x.rows) * testFraction).rounded())
        let test = Array(order[..<nTest]), train = Array(order[nTest...])
        let (mean, scale) = try FlowFitter.standardisation(x, rows: train, names: (0..<x.cols).map { "\($0)" })
        func standardised(_ rows: [Int]) throws -> Matrix {
            try Matrix(rows: rows.count, cols: x.cols, values: rows.flatMap { r in (0..<x.cols).map { (x[r, $0] - mean[$0]) / scale[$0] } })
        }
        return (try standardised(train), try standardised(test))
    }
}
