import Foundation

/// Writes `report/results.json`, `report/index.md` and `report/index.html`, each atomically.
///
/// results.json is written last: a reader that sees a new results.json also sees the new
/// pages, and an interrupted run leaves the previous complete set readable.
public struct ReportWriter {
    public let layout: OutputLayout

    public init(layout: OutputLayout) { self.layout = layout }

    public func write(_ document: ReportDocument) throws {
        let directory = layout.reportDirectory
        try ReportFiles.write(MarkdownReport(document: document, figurePrefix: layout.figureLinkPrefix).render(),
                             to: directory.appendingPathComponent("index.md"))
        try ReportFiles.write(HTMLReport(document: document, figurePrefix: layout.figureLinkPrefix).render(),
                             to: directory.appendingPathComponent("index.html"))
        try ReportFiles.write(ResultsJSON.encode(document), to: directory.appendingPathComponent("results.json"))
    }
}
