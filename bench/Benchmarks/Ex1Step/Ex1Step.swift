import Benchmark
import FlowCore

// Micro-benchmark of FlowCore's Example 1 training step with ordo-one/benchmark:
// `swift package --package-path bench benchmark --target Ex1Step`.
//
// The public trainer runs whole trainings, so each benchmark trains a fresh one-block flow for a
// fixed number of steps with the report's single-layer settings (batch 4096, width 256, LeakyReLU,
// PyTorch-default init of both layers, Adam lr 0.1, soft clamp 2·(2/π)·atan(s/2), W density).
// The set-up (flow, engine, buffers) is the same in both, so the cost of one step is the difference:
//   per step = (metric of "train 48 steps" − metric of "train 16 steps") / 32,
// for wall time and for malloc counts alike. An allocation-free step gives equal malloc counts.

/// Steps of the two benchmarks; their difference isolates the per-step cost.
let shortSteps = 16
let longSteps = 48

/// A fresh Example 1 flow trained for `steps` steps; returns the last training loss.
func trainExample1(steps: Int, seed: UInt64) throws -> Double {
    var rng = SeededGenerator(seed: seed)
    let subnet = try MLP(inputCount: 1, outputCount: 2, hiddenWidths: [256], activation: .leakyRelu,
                         zeroLastLayer: false, using: &rng)
    let coupling = try AffineCoupling(passiveCount: 1, activeCount: 1, subnet: subnet, clamp: .atan(2))
    var flow = try Flow(dimension: 2, blocks: [FlowBlock(rotation: .identity(2), coupling: coupling)])
    var source = DensitySource(density: WDensity())
    var config = TrainingConfig.paperExample1
    config.steps = steps
    return try FlowTrainer.train(&flow, source: &source, config: config, using: &rng).last ?? .nan
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 30
    )
    for steps in [shortSteps, longSteps] {
        Benchmark("train \(steps) steps") { benchmark in
            for i in benchmark.scaledIterations {
                blackHole(try trainExample1(steps: steps, seed: UInt64(i)))
            }
        }
    }
}
