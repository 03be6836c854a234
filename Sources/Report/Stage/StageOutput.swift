/// What a stage returns: its numbers, its checks and the prose of its report section.
///
/// Figures are not listed here: the runner collects `<name>.png/.svg/.pdf` for every name in
/// `Stage.figureNames` that the stage wrote into `context.figuresDirectory`. `extraFigures`
/// names further files (with extension) written there.
public struct StageOutput: Codable, Sendable, Equatable {
    /// Named numbers for results.json (see DESIGN.md for required names).
    public var metrics: [String: MetricValue]
    /// The numeric checks, shown as a table and summarised at the top of the report.
    public var checks: [Check]
    /// The section body in the Markdown subset (headings `###` and below, paragraphs, emphasis,
    /// code spans, lists, pipe tables, images, links, `$…$` and `$$…$$` math). Figures are
    /// linked as `figures/<name>.png` (use `Markdown.figure`); the writers make the links relative.
    /// A line `<!-- @literate NAME -->` (`Markdown.literate(NAME)`) is replaced by the source block
    /// NAME; when the body places no block, every block of the source file is appended under "Code".
    public var markdown: String
    /// Extra files (with extension) the stage wrote into the figures folder.
    public var extraFigures: [String]

    public init(metrics: [String: MetricValue] = [:], checks: [Check] = [], markdown: String = "",
                extraFigures: [String] = []) {
        self.metrics = metrics
        self.checks = checks
        self.markdown = markdown
        self.extraFigures = extraFigures
    }
}
