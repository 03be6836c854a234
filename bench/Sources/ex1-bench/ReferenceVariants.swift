import FlowCore
import Foundation

/// W-density batches drawn in Double with libm: p = `uniform(−2, 2)`, a = m(p) + σ(p)·`normal()` (polar
/// method), m and σ of Eq. (13) with Foundation's cos. The reference against which FlowCore's Float sampler
/// (`WDensity`: Float Box–Muller, FastFloatMath's log and sin/cos) is compared (`--sampler libm`).
struct LibmWSource: BatchSource {
    var dimension: Int { 2 }

    mutating func nextBatch(size: Int, using rng: inout SeededGenerator) throws -> Matrix {
        var out = Matrix(rows: size, cols: 2)
        for r in 0..<size {
            let p = rng.uniform(-2, 2)
            let mean = 0.5 * cos(Double.pi * p), std = (3 - cos(8 * Double.pi / 3 * p)) / 8
            out[r, 0] = p
            out[r, 1] = mean + std * rng.normal()
        }
        return out
    }
}

/// Adam on the Double loss and gradient of FlowCore's public API (`Flow.mlLossAndGradient`, `Adam`), with the
/// same step-decay schedule: Double arithmetic throughout, Foundation's exp/atan, no subnormal flushing.
/// The reference against which the Float trainer (`FlowTrainer.train`) is compared (`--trainer double`).
enum DoubleReferenceTrainer {
    static func train<S: BatchSource>(_ flow: inout Flow, source: inout S, config: TrainingConfig,
                                      using rng: inout SeededGenerator) throws -> [Double] {
        var adam = try Adam(config: config.adam, parameterCount: flow.parameterCount)
        var theta = flow.parameters
        var history: [Double] = []
        history.reserveCapacity(config.steps)
        for step in 0..<config.steps {
            let batch = try source.nextBatch(size: config.batchSize, using: &rng)
            let (loss, gradient) = try flow.mlLossAndGradient(batch)
            guard loss.isFinite else { throw FlowCoreError.diverged(step: step, loss: loss) }
            history.append(loss)
            try adam.step(parameters: &theta, gradient: gradient,
                          learningRate: config.schedule.learningRate(base: config.adam.learningRate, step: step))
            try flow.setParameters(theta)
        }
        return history
    }
}
