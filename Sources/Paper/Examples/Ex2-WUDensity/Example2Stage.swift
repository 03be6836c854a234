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
    public let figureNames = PaperFigure.names(.fig2d, .ex2Loss)
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
        let run = try WExampleRun.run(density: density, config: config, seed: context.seed) {
            context.progress(fraction: 0.85 * $0, message: "training")
        }
        // Eq. 17: a′ | p ~ U(−√3, √3) for every p, so the pooled a′ is that uniform too.
        let ks = try UniformKSDistance.distance(run.pushForward.column(1), halfWidth: 3.0.squareRoot())
        let checks = run.checks(tolerances: config.tolerances) + [
            Check.atMost(id: "ex2.ks_uniform", claim: "Eq. 17: a′ ~ U(−√3, √3) (Kolmogorov–Smirnov distance, N = \(run.heldOut.count))",
                         measured: ks, tolerance: config.tolerances.ksDistance),
        ]
        // @literate end
        context.progress(fraction: 0.9, message: "figures")
        try WExampleFigures.pushForward(run, density: density, config: config, seed: context.seed &+ 7,
                                        referenceLevels: [-3.0.squareRoot(), 3.0.squareRoot()])
            .savePNGAndSVG(base: context.figureBase(.fig2d))
        try WExampleFigures.loss(run).savePNGAndSVG(base: context.figureBase(.ex2Loss))
        var metrics = run.metrics
        metrics["ks_uniform"] = .number(ks)
        return StageOutput(metrics: metrics, checks: checks, markdown: try ExampleFolder().prose(WExampleProse.example2(run, ks: ks, checks: checks, config: config)))
    }
}
