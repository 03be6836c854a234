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

/// The initial parameters and the training batches of one run, in Float32 little-endian, for replaying the
/// same training in PyTorch (`ex1_torch.py --replay FILE`): first the flat parameters [W₀, b₀, W₁, b₁] (PyTorch's
/// `nn.Linear` layouts in order), then every batch as rows of (p, a). The batches of the Float sampler are Float
/// values, so nothing is rounded. `finish` writes the training losses, one per line, to the path + ".loss".
final class StreamDump {
    let path: String
    let handle: FileHandle

    init(path: String, flow: Flow) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw BenchError.usage("--dump: cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try write(flow.parameters)
    }

    func write(_ values: [Double]) throws {
        var data = Data(capacity: 4 * values.count)
        for v in values { withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        try handle.write(contentsOf: data)
    }

    func finish(losses: [Double]) throws {
        try handle.close()
        try losses.map { "\($0)" }.joined(separator: "\n").write(toFile: path + ".loss", atomically: true, encoding: .utf8)
    }
}

/// A batch source that writes every batch of `base` to a `StreamDump` (not timed: a diagnostic run).
struct RecordingSource<Base: BatchSource>: BatchSource {
    var base: Base
    let dump: StreamDump

    var dimension: Int { base.dimension }

    mutating func nextBatch(size: Int, using rng: inout SeededGenerator) throws -> Matrix {
        let batch = try base.nextBatch(size: size, using: &rng)
        try dump.write(batch.values)
        return batch
    }

    mutating func nextBatch(size: Int, into batch: inout Matrix, using rng: inout SeededGenerator) throws {
        try base.nextBatch(size: size, into: &batch, using: &rng)
        try dump.write(batch.values)
    }
}
