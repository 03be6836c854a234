import CouplingTheory
import FlowCore
import Foundation
import Report

/// One training of one ablation variant on the W density, reduced to what the ablation compares.
struct AblationRun: Codable, Sendable {
    var variant: String
    var seed: Int
    /// nil when the loss became non-finite (the step it did, in `divergedAtStep`).
    var gap: Double?
    var gapSE: Double?
    var divergedAtStep: Int?
    /// Read-out σ̂(p) = e^{−s(p)} on `readOutP` (empty if diverged).
    var readOutStd: [Double]
    /// Mean of σ̂/σ − 1 at the troughs and at the peaks of σ(p).
    var troughError: Double?
    var peakError: Double?
    var traceSteps: [Int]
    var traceGap: [Double]
    var seconds: Double

    var diverged: Bool { divergedAtStep != nil }

    /// σ(p) = (3 − cos(8πp/3))/8 is smallest (1/4, s* = log 4) where 8πp/3 is a multiple of 2π and
    /// largest (1/2, s* = log 2) half-way between, on p ∈ [−2, 2].
    static let troughs: [Double] = [-1.5, -0.75, 0, 0.75, 1.5]
    static let peaks: [Double] = [-1.875, -1.125, -0.375, 0.375, 1.125, 1.875]
    static let readOutP: [Double] = (0...200).map { -2 + 4 * Double($0) / 200 }

    /// Trains the variant once; a non-finite loss is an outcome (divergence), not an error.
    static func run(variant: AblationVariant, seed: Int, base: SingleCouplingSettings, minimum: Double,
                    using rng: inout SeededGenerator) throws -> AblationRun {
        let density = WDensity()
        let trained: TrainedSingleCoupling
        do {
            trained = try SingleCouplingTraining.train(density: density, settings: variant.settings(from: base), using: &rng)
        } catch FlowCoreError.diverged(let step, _) {
            return AblationRun(variant: variant.key, seed: seed, gap: nil, gapSE: nil, divergedAtStep: step, readOutStd: [],
                               troughError: nil, peakError: nil, traceSteps: [], traceGap: [], seconds: 0)
        }
        let relative = { (ps: [Double]) throws -> Double in
            let std = try LemmaOne.readOut(from: trained.coupling, at: ps).std
            let errors = zip(ps, std).map { $1 / density.conditionalMoments($0).std - 1 }
            return errors.reduce(0, +) / Double(errors.count)
        }
        let gap = trained.heldOut.mean - minimum
        return AblationRun(variant: variant.key, seed: seed,
                           gap: gap.isFinite ? gap : nil, gapSE: trained.heldOut.standardError,
                           divergedAtStep: gap.isFinite ? nil : base.training.steps,
                           readOutStd: try LemmaOne.readOut(from: trained.coupling, at: readOutP).std,
                           troughError: try relative(troughs), peakError: try relative(peaks),
                           traceSteps: trained.traceSteps, traceGap: trained.traceLoss.map { $0 - minimum },
                           seconds: trained.seconds)
    }
}

/// One training of the ablation: a variant (by key) at a seed.
struct AblationJob: GridJob {
    typealias Output = AblationRun
    var variant: String
    var seed: Int
    var steps: Int

    var kind: JobKind { JobKind(method: variant, depth: 1, steps: steps) }
    var cost: Double { Double(steps) }
    var label: String { "\(variant) seed \(seed)" }
}
