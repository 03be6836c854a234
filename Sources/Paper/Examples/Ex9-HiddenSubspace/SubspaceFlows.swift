import CouplingTheory
import FlowCore
import Foundation

/// How the flows of Example 9 are built and trained (all methods share the split D_P + D_A, the
/// subnet, the batch, the learning rate and the total number of Adam steps per depth).
struct SubspaceFlowConfig: Codable, Sendable, Equatable {
    /// Deepest layer-wise flow.
    var depth: Int
    /// Passive coordinates per coupling (D_P).
    var passive: Int
    var stepsPerLayer: Int
    var batchSize: Int
    var hiddenWidths: [Int]
    var learningRate: Double
    /// The learning rate is multiplied by this after each third of a run's steps (1: constant).
    var decayFactor: Double
    /// Depths at which a fresh end-to-end flow is trained (d·stepsPerLayer steps, all blocks jointly).
    var endToEndDepths: [Int]
    /// At most this many (pushed-forward) training rows go into each general-OAS search.
    var oasSamples: Int
    var oas: GeneralOASConfig

    func training(steps: Int, rows: Int) -> TrainingConfig {
        TrainingConfig(steps: steps, batchSize: min(batchSize, rows), adam: AdamConfig(learningRate: learningRate),
                       schedule: StepDecay(gamma: decayFactor, every: max(1, steps / 3)))
    }
}

/// One built flow's held-out losses: `nll[0]` the identity (depth 0), `nll[l]` after l blocks.
struct DepthCurve: Codable, Sendable, Equatable {
    /// Held-out NLL in nats per row (ML loss + D/2·log 2π) by depth; `.nan` where not trained (E2E).
    var nll: [Double]
    /// Held-out Δ̂ of each chosen rotation (layer-wise general OAS only, on its own held-out half).
    var chosenDelta: [Double]
    /// Held-out Δ̂ of the best random start of each general-OAS search.
    var startDelta: [Double]
    /// Training loss of every Adam step, per trained block (LW) or per E2E depth.
    var trainingLoss: [[Double]]
}

/// Algorithm 2 with the general OAS (or Haar-random rotations) and end-to-end training, for D > 2.
enum SubspaceFlows {
    /// Layer-wise: block l is chosen on, and trained alone on, the push-forward of the training rows
    /// through blocks 1…l−1; `oas == false` draws Q_l Haar-random instead.
    static func layerwise(train: Matrix, test: Matrix, oas: Bool, config c: SubspaceFlowConfig,
                          using rng: inout SeededGenerator) throws -> DepthCurve {
        let d = train.cols
        var flow = try Flow(dimension: d)
        var curve = DepthCurve(nll: [try nll(flow, test)], chosenDelta: [], startDelta: [], trainingLoss: [])
        for _ in 1...c.depth {
            let pushed = flow.blocks.isEmpty ? train : try flow.forwardFloat(train).z
            let q: Matrix
            if oas {
                let subset = try firstRows(pushed, min(c.oasSamples, pushed.rows))
                let found = try GeneralOAS.search(samples: subset, passiveDimension: c.passive, config: c.oas, using: &rng)
                q = found.rotation
                curve.chosenDelta.append(found.delta); curve.startDelta.append(found.bestRandomDelta)
            } else {
                q = try OrthogonalMatrices.haarOrthogonal(dimension: d, special: true, using: &rng)
            }
            var block = try Flow(dimension: d)
            try block.appendBlock(rotation: q, passiveCount: c.passive, hiddenWidths: c.hiddenWidths, using: &rng)
            var source = try DatasetSource(data: pushed)
            curve.trainingLoss.append(try FlowTrainer.train(&block, source: &source,
                                                            config: c.training(steps: c.stepsPerLayer, rows: pushed.rows), using: &rng))
            try flow.append(block.blocks[0])
            curve.nll.append(try nll(flow, test))
        }
        return curve
    }

    /// One fresh flow of `depth` blocks with Haar-random rotations, all trained jointly for
    /// depth·stepsPerLayer steps; the curve holds only that depth's NLL.
    static func endToEnd(train: Matrix, test: Matrix, depth: Int, config c: SubspaceFlowConfig,
                         using rng: inout SeededGenerator) throws -> DepthCurve {
        let d = train.cols
        var flow = try Flow(dimension: d)
        for _ in 0..<depth {
            let q = try OrthogonalMatrices.haarOrthogonal(dimension: d, special: true, using: &rng)
            try flow.appendBlock(rotation: q, passiveCount: c.passive, hiddenWidths: c.hiddenWidths, using: &rng)
        }
        var source = try DatasetSource(data: train)
        let history = try FlowTrainer.train(&flow, source: &source, config: c.training(steps: depth * c.stepsPerLayer, rows: train.rows),
                                            using: &rng)
        var values = [Double](repeating: .nan, count: depth + 1)
        values[depth] = try nll(flow, test)
        return DepthCurve(nll: values, chosenDelta: [], startDelta: [], trainingLoss: [history])
    }

    /// Held-out NLL in nats per row: the ML loss (½‖z‖² − log|det J|) plus D/2·log 2π.
    static func nll(_ flow: Flow, _ x: Matrix) throws -> Double {
        let ml = flow.blocks.isEmpty
            ? (0..<x.rows).reduce(0.0) { acc, r in acc + 0.5 * x.row(r).reduce(0) { $0 + $1 * $1 } } / Double(x.rows)
            : try flow.mlLossFloat(x)
        return ml + 0.5 * Double(x.cols) * log(2 * Double.pi)
    }

    static func firstRows(_ x: Matrix, _ n: Int) throws -> Matrix {
        try Matrix(rows: n, cols: x.cols, values: Array(x.values[0..<(n * x.cols)]))
    }
}
