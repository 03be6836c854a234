import BenchSupport
import FlowCore
import Foundation

/// One timed training of Example 1 with FlowCore's trainer, and what it reached.
///
/// The same training as `bench/ex1_torch.py`: a single affine coupling (Eq. 5, p passive) with a
/// 1 → width → 2 subnet (LeakyReLU or ReLU; PyTorch-default initialisation, optionally a zero last
/// layer), s = c·(2/π)·atan(s_raw/c) or c·tanh(s_raw/c), trained on fresh W-density batches (Eq. 13)
/// with Adam and a step decay; the ML loss of Eq. (8).
///
/// The generators are split off `SeededGenerator(seed:)` as `Paper.SingleCouplingTraining` splits them
/// (initialisation, training batches, trace set, held-out set), so with the default options seed N should
/// train bit for bit the layer `WExampleRun.run(…, seed: N)` trains (not yet checked against a report
/// run), without the report's held-out trace, which would be timed here.
struct Ex1Benchmark {
    let options: BenchOptions

    /// The JSON record `run.sh` and `summarize.py` read (keys shared with ex1_torch.py).
    struct Result: Codable {
        var impl = "swift"
        /// The vector register file FlowCore's kernels were compiled for (`-target-cpu`).
        var isa = KernelTarget.isa
        var threads: Int
        var steps: Int
        var batch: Int
        var width: Int
        var clamp: Double
        var clampKind: String
        var activation: String
        var zeroInitLast: Bool
        var seed: UInt64
        var tileRows: Int
        var seconds: Double
        var msPerStep: Double
        var cpuMsPerStep: Double
        var finalLoss: Double
        var meanLossLast100: Double
        var finite: Bool
        var heldOutLoss: Double
        var heldOutCount: Int
        var theorem1Min: Double
        var maxRssMib: Double
        var rssBeforeTrainingMib: Double
    }

    var config: TrainingConfig {
        TrainingConfig(steps: options.steps, batchSize: options.batch, adam: AdamConfig(learningRate: options.learningRate),
                       schedule: StepDecay(gamma: options.gamma, every: options.decayEvery), tileRows: options.tileRows)
    }

    /// A flow of one block: identity rotation, p passive, a active; the subnet built as the report builds it.
    func makeFlow(using rng: inout SeededGenerator) throws -> Flow {
        let subnet = try MLP(inputCount: 1, outputCount: 2, hiddenWidths: [options.width], activation: options.activation,
                             zeroLastLayer: options.zeroInitLast, using: &rng)
        let coupling = try AffineCoupling(passiveCount: 1, activeCount: 1, subnet: subnet, clamp: options.softClamp)
        return try Flow(dimension: 2, blocks: [FlowBlock(rotation: .identity(2), coupling: coupling)])
    }

    /// Trains, timing the whole loop (sampling, forward, backward, Adam), then evaluates on held-out data.
    func run() throws -> Result {
        var root = SeededGenerator(seed: options.seed)
        // The report's order of splits (SingleCouplingTraining): init, batches, trace set (unused here), held-out.
        var initRNG = root.split(), sampleRNG = root.split()
        _ = root.split()
        var heldRNG = root.split()
        var flow = try makeFlow(using: &initRNG)
        var source = DensitySource(density: WDensity())
        let rssBefore = peakResidentMiB()
        let clock = ContinuousClock()
        let start = clock.now, cpuStart = processCPUSeconds()
        let history = try FlowTrainer.train(&flow, source: &source, config: config, using: &sampleRNG)
        let elapsed = clock.now - start, cpuSeconds = processCPUSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let last100 = history.suffix(100)
        return Result(threads: 1, steps: options.steps, batch: options.batch, width: options.width, clamp: options.clamp,
                      clampKind: options.clampKind.rawValue, activation: options.activationName,
                      zeroInitLast: options.zeroInitLast, seed: options.seed, tileRows: options.tileRows, seconds: seconds,
                      msPerStep: 1000 * seconds / Double(options.steps),
                      cpuMsPerStep: 1000 * cpuSeconds / Double(options.steps), finalLoss: history.last ?? .nan,
                      meanLossLast100: last100.reduce(0, +) / Double(last100.count), finite: history.allSatisfy(\.isFinite),
                      heldOutLoss: try heldOutLoss(of: flow, using: &heldRNG), heldOutCount: options.heldOut,
                      theorem1Min: Self.theorem1Minimum(), maxRssMib: peakResidentMiB(), rssBeforeTrainingMib: rssBefore)
    }

    /// Mean ML loss on `options.heldOut` fresh samples from a generator independent of training's.
    func heldOutLoss(of flow: Flow, using rng: inout SeededGenerator) throws -> Double {
        let x = try WDensity().sample(count: options.heldOut, using: &rng)
        return try flow.mlLoss(x)
    }

    /// Theorem 1's minimum of the ML loss for W (Eq. 20), computed independently of CouplingTheory:
    /// E[p²/2] + ½ + E_p[log σ(p)] = 2/3 + ½ + E_p[log σ(p)], E_p by the midpoint rule on 200 000 cells.
    static func theorem1Minimum(cells: Int = 200_000) -> Double {
        var total = 0.0
        for i in 0..<cells {
            let p = -2 + 4 * (Double(i) + 0.5) / Double(cells)
            total += log((3 - cos(8 * Double.pi / 3 * p)) / 8)
        }
        return 2.0 / 3.0 + 0.5 + total / Double(cells)
    }
}
