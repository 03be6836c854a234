import BenchSupport
import FlowCore
import Foundation

/// Options of `deep-bench`, mirroring `deep_torch.py` so that both train the same network.
struct DeepOptions {
    var steps = 200
    var warmup = 10
    var batch = 512
    var width = 64
    var blocks = 12
    /// The last `trainable` blocks are trained; the earlier ones are run forward only (layer-wise: 1).
    var trainable = 12
    var learningRate = 1e-3
    var clamp = 2.0
    var seed: UInt64 = 0
    var tileRows = 64

    static let usage = """
        usage: deep-bench [--steps N] [--warmup N] [--batch N] [--width H] [--blocks L] [--trainable K]
                          [--lr X] [--clamp C] [--seed N] [--tile-rows N]
        Times FlowCore training steps of an L-block 2D affine-coupling flow (fixed random rotations,
        subnets 1 → H → H → 2 with ReLU, s = c·(2/π)·atan(s_raw/c), Adam) on fresh two-moons batches;
        the last K blocks are trained (default all). Prints one JSON line (keys as deep_torch.py).
        """

    static func parse(_ arguments: [String]) throws -> DeepOptions {
        var o = DeepOptions()
        var rest = arguments[...]
        while let name = rest.popFirst() {
            if name == "-h" || name == "--help" { print(usage); exit(0) }
            guard let value = rest.popFirst() else { throw DeepError("\(name) needs a value") }
            func int() throws -> Int {
                guard let v = Int(value), v >= 1 else { throw DeepError("\(name) needs a positive integer, got '\(value)'") }
                return v
            }
            switch name {
            case "--steps": o.steps = try int()
            case "--warmup": o.warmup = try int()
            case "--batch": o.batch = try int()
            case "--width": o.width = try int()
            case "--blocks": o.blocks = try int()
            case "--trainable": o.trainable = try int()
            case "--tile-rows": o.tileRows = try int()
            case "--lr":
                guard let v = Double(value), v > 0 else { throw DeepError("--lr needs a positive number") }
                o.learningRate = v
            case "--clamp":
                guard let v = Double(value), v > 0 else { throw DeepError("--clamp needs a positive number") }
                o.clamp = v
            case "--seed":
                guard let v = UInt64(value) else { throw DeepError("--seed needs a non-negative integer") }
                o.seed = v
            default: throw DeepError("unknown option \(name)")
            }
        }
        guard o.trainable <= o.blocks else { throw DeepError("--trainable must be ≤ --blocks") }
        return o
    }
}

struct DeepError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = "deep-bench: \(message)\n\(DeepOptions.usage)" }
}

/// FLOPs of one step, a multiply-add counted as 2, per sample and block (H = width, subnet 1 → H → H → 2):
/// forward 2H (first layer) + 2H² (hidden) + 4H (output) = 2H² + 6H; backward of a trained block
/// 2H² (∂W of the hidden layer) + 2H² (its input gradient) + 4H + 4H (output layer ∂W, input gradient)
/// + 2H (first-layer ∂W) + H (bias sums) = 4H² + 11H. All blocks trained: 6H² + 17H = 25 664 ≈ 26 kFLOP
/// per sample per block at H = 64. Frozen blocks count forward only; coupling, loss and Adam are ignored.
func flopsPerStep(batch: Int, width h: Int, blocks: Int, trainable: Int) -> Double {
    let forward = 2 * h * h + 6 * h, backward = 4 * h * h + 11 * h
    return Double(batch) * Double(blocks * forward + trainable * backward)
}

struct DeepResult: Codable {
    var impl = "swift"
    /// The vector register file FlowCore's kernels were compiled for (`-target-cpu`).
    var isa = KernelTarget.isa
    var benchCase = "deep"
    var threads = 1
    var steps: Int
    var batch: Int
    var width: Int
    var blocks: Int
    var trainable: Int
    var seed: UInt64
    var tileRows: Int
    var flopPerStep: Double
    var seconds: Double
    var msPerStep: Double
    var cpuMsPerStep: Double
    var gflops: Double
    var firstLoss: Double
    var finalLoss: Double
    var finite: Bool
    var maxRssMib: Double
    var rssBeforeTrainingMib: Double

    enum CodingKeys: String, CodingKey {
        case impl, isa, benchCase = "case", threads, steps, batch, width, blocks, trainable, seed, tileRows, flopPerStep, seconds
        case msPerStep, cpuMsPerStep, gflops, firstLoss, finalLoss, finite, maxRssMib, rssBeforeTrainingMib
    }
}

/// Builds the flow, runs `warmup` untimed steps, then times `steps` steps of `FlowTrainer.train`.
func runDeep(_ o: DeepOptions) throws -> DeepResult {
    var root = SeededGenerator(seed: o.seed)
    var initRNG = root.split(), sampleRNG = root.split()
    var flow = try Flow(dimension: 2)
    for _ in 0..<o.blocks {
        let rotation = try OrthogonalMatrices.haarOrthogonal(dimension: 2, special: true, using: &initRNG)
        // PyTorch's default nn.Linear initialisation of every layer (no zero output layer), as deep_torch.py.
        let subnet = try MLP(inputCount: 1, outputCount: 2, hiddenWidths: [o.width, o.width], activation: .relu,
                             zeroLastLayer: false, using: &initRNG)
        let coupling = try AffineCoupling(passiveCount: 1, activeCount: 1, subnet: subnet, clamp: .atan(o.clamp))
        try flow.append(FlowBlock(rotation: rotation, coupling: coupling))
    }
    var source = DensitySource(density: ToyDensity(kind: .moons))
    let trainable = (o.blocks - o.trainable)..<o.blocks
    func config(_ steps: Int) -> TrainingConfig {
        TrainingConfig(steps: steps, batchSize: o.batch, adam: AdamConfig(learningRate: o.learningRate), tileRows: o.tileRows)
    }
    _ = try FlowTrainer.train(&flow, source: &source, config: config(o.warmup), trainableBlocks: trainable, using: &sampleRNG)
    let rssBefore = peakResidentMiB()
    let clock = ContinuousClock()
    let start = clock.now, cpuStart = processCPUSeconds()
    let history = try FlowTrainer.train(&flow, source: &source, config: config(o.steps), trainableBlocks: trainable, using: &sampleRNG)
    let elapsed = clock.now - start, cpuSeconds = processCPUSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let flops = flopsPerStep(batch: o.batch, width: o.width, blocks: o.blocks, trainable: o.trainable)
    let ms = 1000 * seconds / Double(o.steps)
    return DeepResult(steps: o.steps, batch: o.batch, width: o.width, blocks: o.blocks, trainable: o.trainable, seed: o.seed,
                      tileRows: o.tileRows, flopPerStep: flops, seconds: seconds, msPerStep: ms,
                      cpuMsPerStep: 1000 * cpuSeconds / Double(o.steps), gflops: flops / (ms * 1e-3) / 1e9,
                      firstLoss: history.first ?? .nan, finalLoss: history.last ?? .nan, finite: history.allSatisfy(\.isFinite),
                      maxRssMib: peakResidentMiB(), rssBeforeTrainingMib: rssBefore)
}
