import Foundation
import FlowCore
import CouplingTheory
import PlotCairo
import Plotting
import Report

/// Example 2 / Fig. 2d: on the WU density (uniform conditionals) the optimal single coupling pushes
/// a | p to U(−√3, √3), independent of p — standardised, but not normal.
public struct Example2Stage: Stage {
    public typealias Config = WExampleConfig

    public let id = "ex2"
    public let title = "Example 2: the WU density — the push-forward is uniform, not normal (Fig. 2d)"
    public let figureNames = PaperFigure.names(.fig2d, .ex2Loss, .ex2Readings)
    public let seed: UInt64 = 2
    public let sourceFile: String = #filePath
    /// This folder (code and prose), Common and the libraries: follows from the layout.
    public let sourceDependencies = ExampleFolder(uses: [.wDensities]).sourceDependencies
    public init() {}

    public func config(for profile: Profile) -> Config {
        profile == .paper ? .paper : .fast
    }

    public func run(config: Config, context: StageContext) throws -> StageOutput {
        // @literate begin ex2-train
        let density = WUDensity()
        let study = try WExampleStudy.run(density: density, config: config, seed: context.seed) {
            context.progress(fraction: 0.85 * $0, message: "training")
        }
        var checks = study.checks(tolerances: config.tolerances)
        // Eq. 17: a′ | p ~ U(−√3, √3) for every p, so the pooled a′ is that uniform too. The optimal layer gets a KS
        // test; the trained one an effect size bounded by the Theorem 1 band (`UniformPushForwardTest`).
        let gapBand = checks.first { $0.id == "theorem1.loss_gap" }?.upper ?? .nan
        let uniform = try UniformPushForwardTest(run: study.main, gapBand: gapBand, alpha: config.tolerances.ksAlpha)
        checks += uniform.checks
        // @literate end
        context.progress(fraction: 0.9, message: "figures")
        let run = study.main
        try WExampleFigures.pushForward(run, density: density, config: config, seed: context.seed &+ 7,
                                        referenceLevels: [-3.0.squareRoot(), 3.0.squareRoot()])
            .savePNGAndSVG(base: context.figureBase(.fig2d))
        try WExampleFigures.loss(run).savePNGAndSVG(base: context.figureBase(.ex2Loss))
        if let readings = WExampleFigures.readings(study) { try readings.savePNGAndSVG(base: context.figureBase(.ex2Readings)) }
        let metrics = study.metrics(tolerances: config.tolerances).merging(uniform.metrics) { _, new in new }
        return StageOutput(metrics: metrics, checks: checks,
                           markdown: try ExampleFolder().prose(WExampleProse.example2(study, uniform: uniform, checks: checks, config: config)))
    }
}
