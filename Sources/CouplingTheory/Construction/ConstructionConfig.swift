import FlowCore

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
