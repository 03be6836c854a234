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
        var sampler: String
        var trainer: String
        var epsilon: Double
        var seconds: Double
        var msPerStep: Double
        var cpuMsPerStep: Double
        var finalLoss: Double
        var meanLossLast100: Double
        var finite: Bool
        var heldOutLoss: Double
        var heldOutOptimalGap: Double
        var heldOutCount: Int
        var exactGap: Double
        var theorem1Min: Double
        var maxRssMib: Double
        var rssBeforeTrainingMib: Double
    }

    var config: TrainingConfig {
        TrainingConfig(steps: options.steps, batchSize: options.batch, adam: AdamConfig(learningRate: options.learningRate, epsilon: options.epsilon),
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
        let dump = try options.dump.map { try StreamDump(path: $0, flow: flow) }
        let rssBefore = peakResidentMiB()
        let clock = ContinuousClock()
        let start = clock.now, cpuStart = processCPUSeconds()
        let history: [Double]
        switch (options.sampler, options.trainer) {
        case (.float, .float) where dump != nil:
            var source = RecordingSource(base: DensitySource(density: WDensity()), dump: dump!)
            history = try FlowTrainer.train(&flow, source: &source, config: config, using: &sampleRNG)
        case (.float, .float):
            var source = DensitySource(density: WDensity())
            history = try FlowTrainer.train(&flow, source: &source, config: config, using: &sampleRNG)
        case (.libm, .float):
            var source = LibmWSource()
            history = try FlowTrainer.train(&flow, source: &source, config: config, using: &sampleRNG)
        case (.float, .double):
            var source = DensitySource(density: WDensity())
            history = try DoubleReferenceTrainer.train(&flow, source: &source, config: config, using: &sampleRNG)
        case (.libm, .double):
            var source = LibmWSource()
            history = try DoubleReferenceTrainer.train(&flow, source: &source, config: config, using: &sampleRNG)
        }
        let elapsed = clock.now - start, cpuSeconds = processCPUSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        try dump?.finish(losses: history)
        let heldOut = try heldOutLoss(of: flow, using: &heldRNG)
        let last100 = history.suffix(100)
        return Result(threads: 1, steps: options.steps, batch: options.batch, width: options.width, clamp: options.clamp,
                      clampKind: options.clampKind.rawValue, activation: options.activationName,
                      zeroInitLast: options.zeroInitLast, seed: options.seed, tileRows: options.tileRows,
                      sampler: options.sampler.rawValue, trainer: options.trainer.rawValue, epsilon: options.epsilon, seconds: seconds,
                      msPerStep: 1000 * seconds / Double(options.steps),
                      cpuMsPerStep: 1000 * cpuSeconds / Double(options.steps), finalLoss: history.last ?? .nan,
                      meanLossLast100: last100.reduce(0, +) / Double(last100.count), finite: history.allSatisfy(\.isFinite),
                      heldOutLoss: heldOut.loss, heldOutOptimalGap: heldOut.optimalGap, heldOutCount: options.heldOut,
                      exactGap: try Self.exactGap(of: flow),
                      theorem1Min: Self.theorem1Minimum(), maxRssMib: peakResidentMiB(), rssBeforeTrainingMib: rssBefore)
    }

    /// Mean ML loss on `options.heldOut` fresh samples from a generator independent of training's, and on the
    /// same samples the loss of Lemma 1's optimal layer (a′ = (a − m(p))/σ(p), s = −log σ(p)) minus the Theorem 1
    /// minimum: its expectation is 0, so it is the held-out set's own luck, shared by every layer evaluated on it.
    func heldOutLoss(of flow: Flow, using rng: inout SeededGenerator) throws -> (loss: Double, optimalGap: Double) {
        let x = try WDensity().sample(count: options.heldOut, using: &rng)
        var optimal = 0.0
        for r in 0..<x.rows {
            let p = x[r, 0], std = (3 - cos(8 * Double.pi / 3 * p)) / 8, z = (x[r, 1] - 0.5 * cos(Double.pi * p)) / std
            optimal += 0.5 * p * p + 0.5 * z * z + log(std)
        }
        return (try flow.mlLoss(x), optimal / Double(x.rows) - Self.theorem1Minimum())
    }

    /// The trained layer's ML loss minus the Theorem 1 minimum, without sampling noise: for W the pushed
    /// conditional of a given p is N(e^s m + t, e^s σ), so the gap is E_p[KL(N(e^s m + t, e^s σ) ‖ N(0, 1))]
    /// = E_p[(μ′² + σ′² − 1)/2 − s − log σ], by the midpoint rule over p ∈ [−2, 2] with s, t from the Double
    /// engine (as ex1_torch.py's `exact_gap`). The held-out gap estimates it with noise of about 0.003 nats.
    static func exactGap(of flow: Flow, cells: Int = 1 << 16) throws -> Double {
        var p = Matrix(rows: cells, cols: 1)
        for i in 0..<cells { p[i, 0] = -2 + 4 * (Double(i) + 0.5) / Double(cells) }
        let (s, t) = try flow.blocks[0].coupling.scaleAndShift(passive: p)
        var total = 0.0
        for i in 0..<cells {
            let pi = p[i, 0], si = s[i, 0], scale = exp(si)
            let mean = 0.5 * cos(Double.pi * pi), std = (3 - cos(8 * Double.pi / 3 * pi)) / 8
            let mu = scale * mean + t[i, 0], sd = scale * std
            total += 0.5 * (mu * mu + sd * sd - 1) - si - log(std)
        }
        return total / Double(cells)
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
