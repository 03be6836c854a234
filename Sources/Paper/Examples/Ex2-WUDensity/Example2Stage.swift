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
            context.progress(fraction: 0.8 * $0, message: "training")
        }
        // Eq. 16–17 on the exact object: a′ | p ~ U(−√3, √3) at every p, by quadrature of WU's conditional density.
        let exact = try StandardisedConditionals.compute(density)
        let r3 = 3.0.squareRoot()
        let distance = exact.largestDistance { min(1, max(0, ($0 + r3) / (2 * r3))) }
        // @literate end
        // The samples: a KS test of Lemma 1's exact layer (a self-check of sampler and layer); the trained layer's D is shown.
        let uniform = try UniformPushForwardTest(run: study.main, alpha: config.tolerances.ksAlpha)
        let checks = [ClaimCatalog.exact("ex2.exact_uniform_pushforward",
                                         claim: "Eq. 16–17: after the optimal layer a′ | p is U(−√3, √3) at every p — sup over \(exact.p.count) values of p and \(exact.x.count) of x of the CDF's distance to the uniform's",
                                         measured: distance)] + study.checks() + uniform.checks
        context.progress(fraction: 0.9, message: "figures")
        let run = study.main
        try WExampleFigures.pushForward(run, density: density, config: config, seed: context.seed &+ 7,
                                        referenceLevels: [-3.0.squareRoot(), 3.0.squareRoot()])
            .savePNGAndSVG(base: context.figureBase(.fig2d))
        try WExampleFigures.loss(run).savePNGAndSVG(base: context.figureBase(.ex2Loss))
        if let readings = WExampleFigures.readings(study) { try readings.savePNGAndSVG(base: context.figureBase(.ex2Readings)) }
        var metrics = study.metrics().merging(uniform.metrics) { _, new in new }
        metrics["exact_uniform_distance"] = .number(distance)
        return StageOutput(metrics: metrics, checks: checks,
                           markdown: try ExampleFolder().prose(Example2Prose.values(study, uniform: uniform, checks: checks, config: config)))
    }
}
