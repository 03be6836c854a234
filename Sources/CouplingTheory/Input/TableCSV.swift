import FlowCore

/// A numeric table read from CSV: the chosen columns of every data row, and their names.
public struct NumericTable: Sendable, Equatable {
    /// N × D, all finite.
    public var values: Matrix
    /// One name per column: the header's field, or "x<i>" (0-based field index) without a header.
    public var names: [String]
    /// The 1-based line of each data row in the text (for error messages downstream).
    public var lines: [Int]
}

/// Reads D-column samples from CSV text (`fit`, `density`), with errors that name the line and problem.
///
/// The format is `SampleCSV`'s (comma- or whitespace-separated, blank and `#` lines skipped, an
/// optional all-non-numeric header, every data row with the same number of fields). `columns`
/// selects fields by 0-based index or header name; without it every field is used.
public enum TableCSV {
    public static func parse(text: String, columns: [String]? = nil, minimumColumns: Int = 1) throws -> NumericTable {
        let splitOnComma = text.contains(",")
        var header: [String]?
        var values: [Double] = [], lines: [Int] = []
        var chosen: [Int]?
        var expected: (count: Int, line: Int)?
        for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = offset + 1
            let trimmed = raw.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = SampleCSV.splitFields(trimmed, onComma: splitOnComma)
            if expected == nil && header == nil && fields.allSatisfy({ Double($0) == nil }) { header = fields; continue }
            if let e = expected, e.count != fields.count {
                throw TheoryError.csv(line: line, problem: "ragged row: \(fields.count) fields, but line \(e.line) has \(e.count)")
            }
            if expected == nil {
                if let header, header.count != fields.count {
                    throw TheoryError.csv(line: line, problem: "\(fields.count) fields, but the header has \(header.count)")
                }
                expected = (fields.count, line)
                chosen = try resolve(columns, header: header, fieldCount: fields.count, line: line)
                guard chosen!.count >= minimumColumns else {
                    throw TheoryError.csv(line: line, problem: "need at least \(minimumColumns) numeric columns, found \(chosen!.count)")
                }
            }
            for c in chosen! { values.append(try SampleCSV.number(fields[c], line: line, column: c)) }
            lines.append(line)
        }
        guard let chosen, !lines.isEmpty else { throw TheoryError.csv(line: 0, problem: "no data rows") }
        let names = chosen.map { header?[$0] ?? "x\($0)" }
        return NumericTable(values: try Matrix(rows: lines.count, cols: chosen.count, values: values), names: names, lines: lines)
    }

    /// Field indices for `columns` (indices or header names); all fields when nil.
    static func resolve(_ columns: [String]?, header: [String]?, fieldCount: Int, line: Int) throws -> [Int] {
        guard let columns else { return Array(0..<fieldCount) }
        var out: [Int] = []
        for token in columns {
            if let i = Int(token) {
                guard i >= 0, i < fieldCount else {
                    throw TheoryError.csv(line: line, problem: "\(fieldCount) fields, but --columns asks for index \(i) (0-based)")
                }
                out.append(i)
            } else if let i = header?.firstIndex(of: token) {
                out.append(i)
            } else {
                throw TheoryError.csv(line: line, problem: "no column named '\(token)'" + (header == nil ? " (the file has no header)" : ""))
            }
        }
        guard Set(out).count == out.count else {
            throw TheoryError.invalidArgument(name: "columns", value: columns.joined(separator: ","), reason: "a column is chosen twice")
        }
        return out
    }
}
