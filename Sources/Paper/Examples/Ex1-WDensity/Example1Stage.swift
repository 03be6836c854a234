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
    public let figureNames = PaperFigure.names(.fig2a, .fig2b, .fig2c, .fig2e, .ex1Loss, .ex1Readings)
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
        // Train τ on fresh W samples (the stage's seed and 4 more; and the mini-batch reading), then measure:
        // held-out loss vs Theorem 1, Lemma 1 read-out, binned a′ against each bin's standard error.
        let study = try WExampleStudy.run(density: density, config: config, seed: context.seed) {
            context.progress(fraction: 0.8 * $0, message: "training")
        }
        let checks = [try Self.exactOptimumCheck()] + study.checks()
        // @literate end
        context.progress(fraction: 0.9, message: "figures")
        try drawFigures(study, density: density, config: config, context: context)
        return StageOutput(metrics: study.metrics(), checks: checks,
                           markdown: try ExampleFolder().prose(Example1Prose.values(study, checks: checks, config: config)))
    }

    /// Lemma 1 on exact objects: the optimality conditions and Eq. 11 at 41 values of p, by quadrature
    /// of each conditional density (`LemmaOneVerification`), no training involved.
    static func exactOptimumCheck() throws -> Check {
        // @literate begin ex1-exact
        let objects = try ExactObjects.all()
        let worst = try ExactObjects.worst(objects) { try LemmaOneVerification.verify($0).worst }
        // @literate end
        return ClaimCatalog.exact("lemma1.exact_optimum",
                                  claim: "Lemma 1: at e^s = 1/σ(p), t = −m(p)/σ(p) the ML objective is stationary with a positive-definite Hessian and no lower neighbour, and a′ has mean 0 and variance 1 at every p — largest residual over \(objects.count) exact densities",
                                  measured: worst.value)
            .noting("largest for \(worst.name); by density: " + ExactObjects.listing(worst.all))
    }

    func drawFigures(_ study: WExampleStudy, density: WDensity, config: Config, context: StageContext) throws {
        let run = study.main, tol = config.tolerances
        let save = { (fig: Plotting.Figure, name: PaperFigure) in try fig.savePNGAndSVG(base: context.figureBase(name)) }
        try save(WDensityFigures.densityContours(of: density, title: "W density μ(p, a)"), .fig2a)
        try save(WCurveFigures.readOut(run.readOut, title: "Lemma 1 read-out from the trained s, t (W)"), .fig2b)
        try save(WExampleFigures.pushForward(run, density: density, config: config, seed: context.seed &+ 7), .fig2c)
        try save(WCurveFigures.binnedMoments(run.binned, k: tol.binnedStandardErrors,
                                             title: "Moments of a′ per p-bin (W, seed \(context.seed))"), .fig2e)
        try save(WExampleFigures.loss(run), .ex1Loss)
        if let readings = WExampleFigures.readings(study) { try save(readings, .ex1Readings) }
    }
}
