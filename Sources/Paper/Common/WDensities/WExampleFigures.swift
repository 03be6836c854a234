import Foundation
import FlowCore
import PlotCairo
import Plotting
import Report

/// The figures Examples 1 and 2 share in kind: push-forward and loss (saved by the stages).
enum WExampleFigures {
    /// The push-forward image from `config.figureSamples` fresh samples (a generator of its own).
    static func pushForward<D: Density>(_ run: WExampleRun, density: D, config: WExampleConfig, seed: UInt64,
                                        referenceLevels: [Double] = []) throws -> Figure {
        var rng = SeededGenerator(seed: seed)
        let samples = try run.trained.flow.forward(density.sample(count: config.figureSamples, using: &rng)).z
        return try WDensityFigures.pushForward(samples, title: "Push-forward of \(run.densityName) by the trained layer",
                                               referenceLevels: referenceLevels)
    }

    /// The loss-trace figure of one run.
    static func loss(_ run: WExampleRun) -> Figure {
        WCurveFigures.loss(trained: run.trained, minimum: run.boundMLLoss,
                           title: "Training a single coupling on \(run.densityName)")
    }

    /// Full-batch against mini-batch held-out traces (nil when the mini-batch reading was not run).
    static func readings(_ study: WExampleStudy) -> Figure? {
        study.miniBatch.map {
            WCurveFigures.readings(fullBatch: study.main.trained, miniBatch: $0, minimum: study.main.boundMLLoss,
                                   title: "Two readings of the paper's epochs (\(study.main.densityName))")
        }
    }
}
