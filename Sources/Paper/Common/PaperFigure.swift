import Foundation
import Report

/// The report's figures, declared once as typed values (DESIGN.md's names as raw values): a stage
/// lists its own as `figureNames`, saves under them with `context.figureBase(.fig4)`, and its
/// `prose.md` places them as `figures/<name>.png` (ProseFilesTests checks that the two agree).
/// A misspelt figure is a compile error, not a missing file.
enum PaperFigure: String, CaseIterable, Sendable {
    case fig1
    case fig2a, fig2b, fig2c, fig2e, ex1Loss = "ex1-loss", ex1Readings = "ex1-readings"
    case ex1aClamp = "ex1a-clamp"
    case fig2d, ex2Loss = "ex2-loss", ex2Readings = "ex2-readings"
    case fig3, fig4, lemma2
    case fig5, ex6Convergence = "ex6-convergence"
    case fig6, fig7, ex7Convergence = "ex7-convergence"
    case fig8a, ex8Convergence = "ex8-convergence", fig8, fig8b
    case fig9, fig9b

    /// A stage's `figureNames`.
    static func names(_ figures: PaperFigure...) -> [String] { figures.map(\.rawValue) }
}

extension StageContext {
    /// Where to save `figure` (without extension), for `savePNGAndSVG(base:)`.
    func figureBase(_ figure: PaperFigure) -> URL { figureBase(figure.rawValue) }
}
