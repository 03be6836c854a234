import FlowCore

/// One whole training of the deep-flow comparison: a problem, a method, a learning rate, a seed and a
/// depth, with everything the build depends on. Its canonical JSON is its job-cache key, so a change
/// of any setting that matters to this job (and of nothing else) trains it again.
public struct DeepJob: Codable, Hashable, Sendable {
    /// The problem's id and position; its samples are drawn from `stageSeed` (`DeepProblem`).
    public var problem: String
    public var problemIndex: Int
    public var heldOutCount: Int
    public var validationCount: Int
    public var stageSeed: UInt64
    public var method: DeepMethod
    public var seedIndex: Int
    /// The deepest flow: the iterative builders record every depth 1…`depth`; end-to-end trains this depth only.
    public var depth: Int
    public var architecture: CouplingArchitecture
    /// The training of every run: each added block (iterative) or the whole flow (end-to-end).
    public var training: TrainingPlan
    /// How the iterative builders choose Q_l (nil for end-to-end, whose rotations are Haar-random).
    public var rotation: RotationPolicy?
    /// The layer-wise builders' pool (`TrainedBlockFitter.Scope.layerwise`); nil otherwise.
    public var layerwisePool: Int?
    /// Whether the record keeps the trained flow (for figures; flows are large).
    public var keepsFlow: Bool

    public init(problem: DeepProblem, heldOutCount: Int, validationCount: Int, stageSeed: UInt64, method: DeepMethod,
                seedIndex: Int, depth: Int, architecture: CouplingArchitecture, training: TrainingPlan,
                rotation: RotationPolicy?, layerwisePool: Int?, keepsFlow: Bool) {
        self.problem = problem.id; problemIndex = problem.index
        self.heldOutCount = heldOutCount; self.validationCount = validationCount; self.stageSeed = stageSeed
        self.method = method; self.seedIndex = seedIndex; self.depth = depth
        self.architecture = architecture; self.training = training; self.rotation = rotation
        self.layerwisePool = layerwisePool; self.keepsFlow = keepsFlow
    }

    public var learningRate: Double { training.learningRate }

    /// The job's own generator: a hash of the stage seed and the job's coordinates. The learning rate
    /// is left out on purpose, so the searched rates see the same batches (common random numbers).
    public func generator() -> SeededGenerator {
        var h = stageSeed
        for part in [UInt64(problemIndex), UInt64(DeepMethod.allCases.firstIndex(of: method)!),
                     UInt64(seedIndex), UInt64(method == .e2e ? depth : 0)] {
            h = splitMix(h ^ (part &+ 0x9E37_79B9_7F4A_7C15))
        }
        return SeededGenerator(seed: h)
    }

    /// Approximate cost in block-steps (for starting long jobs first and for progress).
    public var cost: Double {
        let l = Double(depth), s = Double(training.steps)
        switch method.mode {
        case .layerwise?:
            // One trained block per step, plus frozen forwards (~0.4 block-steps each): per batch without
            // a pool, once per pooled sample with one.
            let frozen = l * (l - 1) / 2 * 0.4
            if let pool = layerwisePool { return s * l + frozen * Double(pool) / Double(training.batchSize) }
            return s * (l + frozen)
        case .progressive?: return s * l * (l + 1) / 2
        case nil: return s * l
        }
    }
}
