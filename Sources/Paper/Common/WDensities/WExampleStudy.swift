import Foundation
import FlowCore
import CouplingTheory

/// Example 1 or 2 in full: the main run, the other training seeds (the replicates of the empirical
/// claims), and the mini-batch reading of the paper's "4096 epochs with 4096 samples each" for every seed.
public struct WExampleStudy: Sendable {
    /// The run of the stage's own seed (figures, read-out, Theorem 1 check).
    public let main: WExampleRun
    /// Every training seed's run, `main` first.
    public let seedRuns: [WExampleRun]
    /// The seeds of `seedRuns`.
    public let seeds: [UInt64]
    /// The same trainings with mini-batches of `config.miniBatchSize`, one per seed (each with its seed's
    /// initialisation and held-out set; empty when not run).
    public let miniBatchRuns: [TrainedSingleCoupling]
    /// The main seed's mini-batch run (figures).
    public var miniBatch: TrainedSingleCoupling? { miniBatchRuns.first }
    /// Binned moments of the Lemma 1 optimal layer on the main held-out set (what the Eq. 11 test must accept).
    public let optimalBinned: BinnedActiveMoments
    /// Every seed's mini-batch gap paired with Lemma 1's layer on the same held-out samples.
    public let miniBatchPairedGaps: [Double]

    /// Trains `config.seeds` seeds (the first is `seed`, the others split off it), each in both readings.
    public static func run<D: KnownConditionalDensity>(density: D, config: WExampleConfig, seed: UInt64,
                                                       progress: (Double) -> Void = { _ in }) throws -> WExampleStudy {
        guard config.seeds >= 1 else {
            throw FlowCoreError.invalidArgument(name: "seeds", value: "\(config.seeds)", reason: "need ≥ 1 training seed")
        }
        var seedSource = SeededGenerator(seed: seed &+ 0x5EED)
        let seeds = [seed] + (1..<config.seeds).map { _ in seedSource.next() }
        let parts = Double(config.seeds * (config.miniBatchSize == nil ? 1 : 2))
        var runs: [WExampleRun] = []
        for (i, s) in seeds.enumerated() {
            runs.append(try WExampleRun.run(density: density, config: config, seed: s) { progress((Double(i) + $0) / parts) })
        }
        var miniBatchRuns: [TrainedSingleCoupling] = []
        if let batch = config.miniBatchSize {
            for (i, s) in seeds.enumerated() {
                // Same root seed as that seed's full-batch run: same initialisation and held-out set, only the batches differ.
                var root = SeededGenerator(seed: s)
                miniBatchRuns.append(try SingleCouplingTraining.train(density: density, settings: config.setup.miniBatch(batch), using: &root) {
                    progress((Double(config.seeds + i) + $0) / parts)
                })
            }
        }
        let main = runs[0]
        let paired = try miniBatchRuns.map { try PairedGap.estimate(flow: $0.flow, density: density, heldOut: $0.heldOutSamples).value }
        return WExampleStudy(main: main, seedRuns: runs, seeds: seeds, miniBatchRuns: miniBatchRuns,
                             optimalBinned: try BinnedActiveMoments(pushForward: main.optimalPushForward, bins: config.bins,
                                                                    range: -config.binHalfWidth...config.binHalfWidth),
                             miniBatchPairedGaps: paired)
    }

    /// Mini-batch held-out loss minus the Theorem 1 minimum.
    public var miniBatchGap: Double? { miniBatch.map { $0.heldOut.mean - main.boundMLLoss } }
    /// Every seed's mini-batch gap.
    public var miniBatchGaps: [Double] { miniBatchRuns.map { $0.heldOut.mean - main.boundMLLoss } }
}
