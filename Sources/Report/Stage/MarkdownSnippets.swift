import Foundation

/// Small builders for the Markdown a stage returns, so every stage links figures the same way.
public enum Markdown {
    /// An image of figure `name` with a caption: `![caption](figures/name.png)` followed by the
    /// caption in italics. The report writers rewrite `figures/` to the relative path.
    public static func figure(_ name: String, caption: String, format: FigureFileFormat = .png) -> String {
        "![\(caption)](figures/\(name).\(format.rawValue))\n\n*\(caption)*"
    }

    /// A pipe table from a header and rows (cells are escaped for `|`).
    public static func table(header: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        let rule = "|" + header.map { _ in " --- |" }.joined()
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// The placeholder line that places literate block `name` at this point of the section.
    public static func literate(_ name: String) -> String {
        "<!-- @literate \(name) -->"
    }
}
