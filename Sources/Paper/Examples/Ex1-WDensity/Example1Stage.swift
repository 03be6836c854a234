import Foundation
import FlowCore
import CouplingTheory
import PlotCairo
import Plotting
import Report

/// Example 1 / Fig. 2a, 2b, 2c, 2e: one affine coupling (Q = I) trained on the W density learns the
/// conditional moments of Lemma 1 and reaches the Theorem 1 minimum of the ML loss.
public struct Example1Stage: Stage {
    public typealias Config = WExampleConfig

    public let id = "ex1"
    public let title = "Example 1: the W density and the optimal single coupling (Fig. 2a, 2b, 2c, 2e)"
    public let figureNames = PaperFigure.names(.fig2a, .fig2b, .fig2c, .fig2e, .ex1Loss)
    public let seed: UInt64 = 1
    public let sourceFile: String = #filePath
    /// This folder (code and prose), Common and the libraries: follows from the layout.
    public let sourceDependencies = ExampleFolder(uses: [.wDensities]).sourceDependencies
    public init() {}

    public func config(for profile: Profile) -> Config {
        profile == .paper ? .paper : .fast
    }

    public func run(config: Config, context: StageContext) throws -> StageOutput {
        // @literate begin ex1-train
        let density = WDensity()
        // Train τ on fresh W samples, then measure: held-out loss, Lemma 1 read-out, binned a', Theorem 1.
        let run = try WExampleRun.run(density: density, config: config, seed: context.seed) {
            context.progress(fraction: 0.85 * $0, message: "training")
        }
        let checks = run.checks(tolerances: config.tolerances)
        // @literate end
        context.progress(fraction: 0.9, message: "figures")
        try drawFigures(run, density: density, config: config, context: context)
        return StageOutput(metrics: run.metrics, checks: checks,
                           markdown: try ExampleFolder().prose(WExampleProse.example1(run, checks: checks, config: config)))
    }

    func drawFigures(_ run: WExampleRun, density: WDensity, config: Config, context: StageContext) throws {
        let save = { (fig: Plotting.Figure, name: PaperFigure) in try fig.savePNGAndSVG(base: context.figureBase(name)) }
        try save(WDensityFigures.densityContours(of: density, title: "W density μ(p, a)"), .fig2a)
        try save(WCurveFigures.readOut(run.readOut, title: "Lemma 1 read-out from the trained s, t (W)"), .fig2b)
        try save(WExampleFigures.pushForward(run, density: density, config: config, seed: context.seed &+ 7), .fig2c)
        try save(WCurveFigures.binnedMoments(run.binned, meanTolerance: config.tolerances.binnedMean,
                                             stdTolerance: config.tolerances.binnedStd,
                                             title: "Moments of a′ per p-bin (W)"), .fig2e)
        try save(WExampleFigures.loss(run), .ex1Loss)
    }
}
