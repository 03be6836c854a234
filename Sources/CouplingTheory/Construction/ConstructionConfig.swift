import FlowCore

/// How each new block's rotation Q_l is chosen in Algorithm 2.
public enum RotationPolicy: Codable, Sendable, Equatable {
    /// Algorithm 1 on samples of the current push-forward: in 2D over `candidates` grid angles,
    /// in D > 2 over `candidates` Haar-random rotations; Δ̂ by `estimator` from `sampleCount` samples.
    case oas(candidates: Int, sampleCount: Int, estimator: DeltaEstimator)
    /// A Haar-random rotation in SO(D) ("RND").
    case random

    /// Example 4's OAS: 180 angles (1° grid), 4096 samples, 32 equal-width bins.
    public static let oasDefault = RotationPolicy.oas(candidates: 180, sampleCount: 4096, estimator: .example4)
}

/// The coupling subnet of every block.
public struct CouplingArchitecture: Codable, Sendable, Equatable {
    /// D_P: the first `passiveCount` rotated coordinates are passive.
    public var passiveCount: Int = 1
    public var hiddenWidths: [Int] = [64, 64]
    public var activation: Activation = .relu
    /// Soft clamp of s (DESIGN.md: allowed and stated in the report).
    public var clamp: SoftClamp = .atan(2)

    public init(passiveCount: Int = 1, hiddenWidths: [Int] = [64, 64], activation: Activation = .relu, clamp: SoftClamp = .atan(2)) {
        self.passiveCount = passiveCount; self.hiddenWidths = hiddenWidths; self.activation = activation; self.clamp = clamp
    }
}

/// Configuration of layer-wise (Algorithm 2) and progressive construction.
public struct IterativeConstructionConfig: Codable, Sendable, Equatable {
    /// The number of blocks L to add.
    public var depth: Int = 12
    public var architecture = CouplingArchitecture()
    /// Training of each iteration (fresh batches from the source every step).
    public var training = TrainingConfig(steps: 1000, batchSize: 256, adam: AdamConfig(learningRate: 1e-3))
    public var rotation: RotationPolicy = .oasDefault
    /// Held-out samples for the loss after every depth.
    public var heldOutCount: Int = 1 << 14
    /// Points of each training run's validation trace (evenly spaced, the last after the last step);
    /// 0 records none. Used only when validation samples are passed to `build`.
    public var validationPoints: Int = 0
    /// Layer-wise mode only: when set, each iteration draws this many fresh samples of μ, pushes them
    /// through the frozen blocks once, and trains the new block alone on that pool (shuffled
    /// mini-batches) — instead of pushing every batch through the frozen blocks. Same distribution
    /// T^(l−1)_♯ μ, a finite sample of it; about 3× cheaper at depth 12. nil: fresh batches every step.
    public var layerwisePool: Int? = nil

    public init(depth: Int = 12, architecture: CouplingArchitecture = .init(),
                training: TrainingConfig = TrainingConfig(steps: 1000, batchSize: 256, adam: AdamConfig(learningRate: 1e-3)),
                rotation: RotationPolicy = .oasDefault, heldOutCount: Int = 1 << 14, validationPoints: Int = 0,
                layerwisePool: Int? = nil) {
        self.depth = depth; self.architecture = architecture; self.training = training
        self.rotation = rotation; self.heldOutCount = heldOutCount; self.validationPoints = validationPoints
        self.layerwisePool = layerwisePool
    }
}

/// Configuration of end-to-end training with fixed random rotations, one flow per depth.
public struct EndToEndConfig: Codable, Sendable, Equatable {
    /// The depths to train (each a fresh flow of that many blocks trained jointly).
    public var depths: [Int] = Array(1...12)
    public var architecture = CouplingArchitecture()
    /// Training of each flow (all blocks jointly).
    public var training = TrainingConfig(steps: 1000, batchSize: 256, adam: AdamConfig(learningRate: 1e-3))
    public var heldOutCount: Int = 1 << 14
    /// Points of each flow's validation trace (see `IterativeConstructionConfig.validationPoints`).
    public var validationPoints: Int = 0

    public init(depths: [Int] = Array(1...12), architecture: CouplingArchitecture = .init(),
                training: TrainingConfig = TrainingConfig(steps: 1000, batchSize: 256, adam: AdamConfig(learningRate: 1e-3)),
                heldOutCount: Int = 1 << 14, validationPoints: Int = 0) {
        self.depths = depths; self.architecture = architecture; self.training = training; self.heldOutCount = heldOutCount
        self.validationPoints = validationPoints
    }
}

/// The state after one depth of a construction.
public struct DepthRecord: Codable, Sendable, Equatable {
    /// Number of blocks in the flow.
    public var depth: Int
    /// ML loss (DESIGN.md convention, nats) on the held-out samples.
    public var heldOutLoss: Double
    /// KL(T♯μ‖N) = −H[μ] + D/2·log 2π + heldOutLoss where H[μ] is known, else nil (Eq. 7).
    public var kl: Double?
    /// Δ̂ of the chosen rotation when OAS chose it, else nil.
    public var chosenDelta: Double?
    /// The training loss of every step of this iteration.
    public var trainingLoss: [Double]
    /// The validation loss of the flow during this iteration's training (empty when none was asked for).
    public var validationTrace: [TracePoint] = []
}

/// One point of a loss trace: the loss after `step` completed steps.
public struct TracePoint: Codable, Sendable, Equatable {
    public var step: Int
    public var loss: Double
    public init(step: Int, loss: Double) { self.step = step; self.loss = loss }
}

/// A constructed flow with its per-depth record.
public struct ConstructionResult: Sendable {
    public var flow: Flow
    public var records: [DepthRecord]
}
