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
    var hiddenWidths: [Int]
    /// The training of each layer-wise block (its steps are per block; the rate decays at each third).
    var training: TrainingPlan
    /// Depths at which a fresh end-to-end flow is trained (d · `training.steps` steps, all blocks jointly).
    var endToEndDepths: [Int]
    /// At most this many (pushed-forward) training rows go into each general-OAS search.
    var oasSamples: Int
    var oas: GeneralOASConfig

    /// Every coupling: ReLU, no clamp of s.
    var architecture: CouplingArchitecture {
        CouplingArchitecture(passiveCount: passive, hiddenWidths: hiddenWidths, activation: .relu, clamp: .none)
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

/// Algorithm 2 with the general OAS (or Haar-random rotations) and end-to-end training in D > 2, on a
/// fixed training set: the library's builders, read out as NLL curves.
enum SubspaceFlows {
    /// Layer-wise: block l is chosen on, and trained alone on, the push-forward of the training rows
    /// through blocks 1…l−1; `oas == false` draws Q_l Haar-random instead.
    static func layerwise(train: Matrix, test: Matrix, oas: Bool, config c: SubspaceFlowConfig,
                          using rng: inout SeededGenerator) throws -> DepthCurve {
        let built = try LayerwiseConstruction.build(
            data: FixedSamples(train), depth: c.depth, rotation: oas ? .generalOAS(c.oas, sampleCount: c.oasSamples) : .random,
            fitter: TrainedBlockFitter(architecture: c.architecture, training: c.training, scope: .layerwise(pool: train.rows)),
            heldOut: test, entropy: nil, using: &rng)
        return DepthCurve(nll: [try nll(Flow(dimension: train.cols), test)] + built.records.map { $0.heldOutLoss + constant(test) },
                          chosenDelta: built.records.compactMap(\.chosenDelta), startDelta: built.records.compactMap(\.startDelta),
                          trainingLoss: built.records.map(\.trainingLoss))
    }

    /// One fresh flow of `depth` blocks with Haar-random rotations, all trained jointly for
    /// depth · `training.steps` steps; the curve holds only that depth's NLL.
    static func endToEnd(train: Matrix, test: Matrix, depth: Int, config c: SubspaceFlowConfig,
                         using rng: inout SeededGenerator) throws -> DepthCurve {
        let built = try EndToEndConstruction.build(source: DatasetSource(data: train), depth: depth, architecture: c.architecture,
                                                   training: c.training.with(steps: depth * c.training.steps).batches(atMost: train.rows),
                                                   heldOut: test, entropy: nil, using: &rng)
        var values = [Double](repeating: .nan, count: depth + 1)
        values[depth] = built.records[0].heldOutLoss + constant(test)
        return DepthCurve(nll: values, chosenDelta: [], startDelta: [], trainingLoss: built.records.map(\.trainingLoss))
    }

    /// Held-out NLL in nats per row: the ML loss (½‖z‖² − log|det J|) plus D/2·log 2π.
    static func nll(_ flow: Flow, _ x: Matrix) throws -> Double {
        let ml = flow.blocks.isEmpty
            ? (0..<x.rows).reduce(0.0) { acc, r in acc + 0.5 * x.row(r).reduce(0) { $0 + $1 * $1 } } / Double(x.rows)
            : try flow.mlLossFloat(x)
        return ml + constant(x)
    }

    /// D/2·log 2π, the constant the ML loss drops.
    static func constant(_ x: Matrix) -> Double { 0.5 * Double(x.cols) * log(2 * Double.pi) }
}
