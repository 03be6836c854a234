import FlowCore

/// Reads 2D samples from CSV text for `couplinglab bound`, with errors that name the line and problem.
///
/// Format: one sample per line, fields separated by commas (or, when the text has no comma at all,
/// by whitespace). Blank lines and lines starting with `#` are skipped. A first line whose fields are
/// all non-numeric is a header. Every data line must have the same number of fields; without
/// `columns` that number must be exactly 2, with `columns = (i, j)` (0-based) fields i and j are used.
public enum SampleCSV {
    /// Parses `text` into an N×2 matrix of the chosen columns (all finite).
    public static func parse(text: String, columns: (Int, Int)? = nil) throws -> Matrix {
        if let (i, j) = columns, i < 0 || j < 0 || i == j {
            throw TheoryError.invalidArgument(name: "columns", value: "\(i),\(j)", reason: "need two different indices ≥ 0")
        }
        let splitOnComma = text.contains(",")
        var values: [Double] = []
        var expectedFields: (count: Int, line: Int)?
        var sawData = false
        for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = offset + 1
            let trimmed = raw.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = splitFields(trimmed, onComma: splitOnComma)
            if !sawData && expectedFields == nil && fields.allSatisfy({ Double($0) == nil }) { continue }  // header
            sawData = true
            if let e = expectedFields, e.count != fields.count {
                throw TheoryError.csv(line: line, problem: "ragged row: \(fields.count) fields, but line \(e.line) has \(e.count)")
            }
            if expectedFields == nil {
                try checkFieldCount(fields.count, line: line, columns: columns)
                expectedFields = (fields.count, line)
            }
            let (i, j) = columns ?? (0, 1)
            values.append(try number(fields[i], line: line, column: i))
            values.append(try number(fields[j], line: line, column: j))
        }
        guard sawData else { throw TheoryError.csv(line: 0, problem: "no data rows") }
        return try Matrix(rows: values.count / 2, cols: 2, values: values)
    }

    static func checkFieldCount(_ count: Int, line: Int, columns: (Int, Int)?) throws {
        if let (i, j) = columns {
            guard max(i, j) < count else {
                throw TheoryError.csv(line: line, problem: "\(count) fields, but --columns asks for index \(max(i, j)) (0-based)")
            }
        } else if count != 2 {
            throw TheoryError.csv(line: line, problem: "expected exactly 2 numeric columns, found \(count) (use --columns i,j, or --passive K for D > 2)")
        }
    }

    static func number(_ field: String, line: Int, column: Int) throws -> Double {
        guard let x = Double(field) else {
            throw TheoryError.csv(line: line, problem: "column \(column): '\(field)' is not a number")
        }
        guard x.isFinite else {
            throw TheoryError.csv(line: line, problem: "column \(column): non-finite value '\(field)'")
        }
        return x
    }

    static func splitFields(_ line: String, onComma: Bool) -> [String] {
        if onComma {
            return line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        }
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}

extension StringProtocol {
    /// The string without leading/trailing spaces, tabs and carriage returns (Windows line ends).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
