import FlowCore
import Foundation

/// How `FlowFitter` builds the flow.
public enum FitMethod: String, CaseIterable, Codable, Sendable {
    /// Algorithm 2: layer-wise training, each rotation by OAS (Algorithm 1).
    case lwOAS = "lw-oas"
    /// Algorithm 2 with Haar-random rotations.
    case lwRND = "lw-rnd"
    /// Algorithm 2 with OAS rotations and closed-form Lemma 1 layers (no gradient descent).
    case closedForm = "closed-form"
    /// All layers trained jointly, fixed Haar-random rotations.
    case e2e
}

/// Settings of `couplinglab fit`.
public struct FitConfig: Codable, Sendable, Equatable {
    public var method: FitMethod = .lwOAS
    public var layers: Int = 8
    public var seed: UInt64 = 1
    /// Share of the rows held out (never fitted on) for the NLL.
    public var testFraction: Double = 0.2
    public var hiddenWidths: [Int] = [64, 64]
    /// The training of each layer (layer-wise), or per layer of the whole flow (e2e: layers × its steps):
    /// Adam at a constant rate, batches of at most the training rows.
    public var training = TrainingPlan(steps: 1000, batchSize: 256, learningRate: 1e-3)
    /// Fewer rows than this cannot be split into a useful train and test part.
    public static let minimumRows = 100

    public init(method: FitMethod = .lwOAS, layers: Int = 8, seed: UInt64 = 1, stepsPerLayer: Int = 1000) {
        self.method = method; self.layers = layers; self.seed = seed; training.steps = stepsPerLayer
    }
}

/// One progress report: after a layer (or, for e2e, after a share of the training steps).
public struct FitProgress: Sendable, Equatable {
    /// e.g. "layer 3/8" or "step 800/8000".
    public var label: String
    /// Share of the work done, in [0, 1].
    public var fraction: Double
    /// Held-out NLL in nats per row, original units (see `FittedModel.heldOutNLL`).
    public var heldOutNLL: Double
}

/// Fits a flow to a table: split, standardise, build by the chosen method, report held-out NLL as it goes.
public enum FlowFitter {
    public static func fit(table: NumericTable, config: FitConfig, progress: (FitProgress) -> Void = { _ in }) throws -> FittedModel {
        let x = table.values, n = x.rows, d = x.cols
        guard d >= 2 else { throw TheoryError.invalidArgument(name: "columns", value: "\(d)", reason: "a flow needs at least 2 columns") }
        guard config.layers >= 1 else { throw TheoryError.invalidArgument(name: "layers", value: "\(config.layers)", reason: "must be ≥ 1") }
        guard n >= FitConfig.minimumRows else {
            throw TheoryError.tooFewSamples(needed: FitConfig.minimumRows, got: n,
                                            reason: "rows for the \(Int(100 * (1 - config.testFraction)))/\(Int(100 * config.testFraction)) train/test split")
        }
        var rng = SeededGenerator(seed: config.seed)
        var order = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let nTest = Int((Double(n) * config.testFraction).rounded())
        let testRows = Array(order[..<nTest]), trainRows = Array(order[nTest...])
        let (mean, scale) = try standardisation(x, rows: trainRows, names: table.names)
        let model0 = try FittedModel(method: config.method.rawValue, seed: config.seed, columns: table.names, mean: mean,
                                     scale: scale, testFraction: config.testFraction, heldOutNLL: [],
                                     flow: Flow(dimension: d))
        let train = try model0.standardise(select(x, trainRows)), test = try model0.standardise(select(x, testRows))
        let offset = 0.5 * Double(d) * log(2 * Double.pi) + model0.logScaleSum
        var nll = [(0..<test.rows).reduce(0.0) { acc, r in acc + 0.5 * test.row(r).reduce(0) { $0 + $1 * $1 } } / Double(test.rows) + offset]
        progress(FitProgress(label: "layer 0/\(config.layers)", fraction: 0, heldOutNLL: nll[0]))
        let flow = try build(train: train, test: test, config: config, using: &rng) { label, fraction, loss in
            nll.append(loss + offset)
            progress(FitProgress(label: label, fraction: fraction, heldOutNLL: loss + offset))
        }
        var model = model0
        model.flow = flow
        model.heldOutNLL = nll
        return model
    }

    /// Column means and standard deviations (n − 1) of the training rows; throws on a constant column.
    public static func standardisation(_ x: Matrix, rows: [Int], names: [String]) throws -> ([Double], [Double]) {
        var mean = [Double](repeating: 0, count: x.cols), scale = mean
        for j in 0..<x.cols {
            let m = rows.reduce(0.0) { $0 + x[$1, j] } / Double(rows.count)
            let v = rows.reduce(0.0) { $0 + (x[$1, j] - m) * (x[$1, j] - m) } / Double(rows.count - 1)
            guard v > 0, v.isFinite else {
                throw TheoryError.invalidArgument(name: "column '\(names[j])'", value: "constant \(m)", reason: "cannot be standardised")
            }
            mean[j] = m; scale[j] = v.squareRoot()
        }
        return (mean, scale)
    }

    static func select(_ x: Matrix, _ rows: [Int]) throws -> Matrix {
        try Matrix(rows: rows.count, cols: x.cols, values: rows.flatMap { x.row($0) })
    }
}
