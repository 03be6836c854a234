import Foundation
import FlowCore
import CouplingTheory

/// Example 1 or 2 in full: the main run, the extra training seeds the binned-moment verdict pools,
/// and the mini-batch reading of the paper's "4096 epochs with 4096 samples each".
public struct WExampleStudy: Sendable {
    /// The run of the stage's own seed (figures, read-out, Theorem 1 check).
    public let main: WExampleRun
    /// Every training seed's run, `main` first (the Eq. 11 pass rate pools their bins).
    public let seedRuns: [WExampleRun]
    /// The seeds of `seedRuns`.
    public let seeds: [UInt64]
    /// The same training with mini-batches of `config.miniBatchSize` (same initialisation and held-out set as `main`).
    public let miniBatch: TrainedSingleCoupling?
    /// Binned moments of the Lemma 1 optimal layer on the main held-out set (what the Eq. 11 test must accept).
    public let optimalBinned: BinnedActiveMoments

    /// Trains `config.seeds` seeds (the first is `seed`, the others split off it) and the mini-batch reading.
    public static func run<D: KnownConditionalDensity>(density: D, config: WExampleConfig, seed: UInt64,
                                                       progress: (Double) -> Void = { _ in }) throws -> WExampleStudy {
        guard config.seeds >= 1 else {
            throw FlowCoreError.invalidArgument(name: "seeds", value: "\(config.seeds)", reason: "need ≥ 1 training seed")
        }
        var seedSource = SeededGenerator(seed: seed &+ 0x5EED)
        let seeds = [seed] + (1..<config.seeds).map { _ in seedSource.next() }
        let parts = Double(config.seeds + (config.miniBatchSize == nil ? 0 : 1))
        var runs: [WExampleRun] = []
        for (i, s) in seeds.enumerated() {
            runs.append(try WExampleRun.run(density: density, config: config, seed: s) { progress((Double(i) + $0) / parts) })
        }
        var miniBatch: TrainedSingleCoupling?
        if let batch = config.miniBatchSize {
            // Same root seed as the main run: same initialisation and held-out set, only the batches differ.
            var root = SeededGenerator(seed: seed)
            miniBatch = try SingleCouplingTraining.train(density: density, settings: config.setup.miniBatch(batch), using: &root) {
                progress((parts - 1 + $0) / parts)
            }
        }
        let main = runs[0]
        return WExampleStudy(main: main, seedRuns: runs, seeds: seeds, miniBatch: miniBatch,
                             optimalBinned: try BinnedActiveMoments(pushForward: main.optimalPushForward, bins: config.bins,
                                                                    range: -config.binHalfWidth...config.binHalfWidth))
    }

    /// Fraction of (seed, bin) pairs whose mean of a′ lies within the band (Eq. 11).
    public func binnedMeanPassRate(_ tol: WTolerances) -> Double {
        Self.rate(seedRuns.flatMap { $0.binned.meanPasses(k: tol.binnedStandardErrors, allowance: tol.binnedMeanAllowance) })
    }

    /// Fraction of (seed, bin) pairs whose standard deviation of a′ lies within the band (Eq. 11).
    public func binnedStdPassRate(_ tol: WTolerances) -> Double {
        Self.rate(seedRuns.flatMap { $0.binned.stdPasses(k: tol.binnedStandardErrors, allowance: tol.binnedStdAllowance) })
    }

    /// Fraction of the optimal layer's bins passing both criteria (without any allowance).
    public func optimalBinnedPassRate(_ tol: WTolerances) -> Double {
        Self.rate(zip(optimalBinned.meanPasses(k: tol.binnedStandardErrors), optimalBinned.stdPasses(k: tol.binnedStandardErrors)).map { $0 && $1 })
    }

    /// Mini-batch held-out loss minus the Theorem 1 minimum.
    public var miniBatchGap: Double? { miniBatch.map { $0.heldOut.mean - main.boundMLLoss } }

    static func rate(_ passes: [Bool]) -> Double {
        passes.isEmpty ? .nan : Double(passes.filter { $0 }.count) / Double(passes.count)
    }
}
