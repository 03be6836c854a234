import Foundation
import FlowKernels

/// An affine flow T = T_L ∘ … ∘ T_1 of blocks T_l = τ_l ∘ Q_l (Eqs. 4–5), mapping data x to latent z.
///
/// The model density is log p(x) = log N(T(x); 0, I) + Σ_l log|det J_l| (the rotations have |det| = 1).
/// All evaluation here is in Double; training runs the same math in Float (`FlowTrainer`).
public struct Flow: Codable, Sendable, Equatable {
    public let dimension: Int
    public private(set) var blocks: [FlowBlock]

    /// Throws unless every block acts on `dimension` coordinates (D ≥ 2).
    public init(dimension: Int, blocks: [FlowBlock] = []) throws {
        guard dimension >= 2 else {
            throw FlowCoreError.invalidArgument(name: "dimension", value: "\(dimension)", reason: "must be ≥ 2")
        }
        self.dimension = dimension
        self.blocks = []
        for block in blocks { try append(block) }
    }

    /// Appends a block; throws when its dimension differs from the flow's.
    public mutating func append(_ block: FlowBlock) throws {
        guard block.coupling.dimension == dimension else {
            throw FlowCoreError.shapeMismatch(what: "flow block", expected: "dimension \(dimension)", got: "\(block.coupling.dimension)")
        }
        blocks.append(block)
    }

    /// Appends a new block with rotation `rotation` and a fresh identity-initialised coupling.
    public mutating func appendBlock(rotation: Matrix, passiveCount: Int, hiddenWidths: [Int], activation: Activation = .relu,
                                     clamp: SoftClamp = .none, using rng: inout SeededGenerator) throws {
        let coupling = try AffineCoupling(passiveCount: passiveCount, activeCount: dimension - passiveCount,
                                          hiddenWidths: hiddenWidths, activation: activation, clamp: clamp, using: &rng)
        try append(FlowBlock(rotation: rotation, coupling: coupling))
    }

    public var parameterCount: Int { blocks.reduce(0) { $0 + $1.coupling.parameterCount } }

    /// All trainable parameters, block after block (each block's subnet layout).
    public var parameters: [Double] { blocks.flatMap { $0.coupling.subnet.parameters } }

    /// Replaces all parameters; throws on a wrong count or non-finite values.
    public mutating func setParameters(_ theta: [Double]) throws {
        guard theta.count == parameterCount else {
            throw FlowCoreError.shapeMismatch(what: "flow parameters", expected: "\(parameterCount)", got: "\(theta.count)")
        }
        var offset = 0
        for b in blocks.indices {
            let n = blocks[b].coupling.parameterCount
            try blocks[b].coupling.subnet.setParameters(Array(theta[offset..<(offset + n)]))
            offset += n
        }
    }

    func makeEngine<T: FlowScalar>(rows: Int, capacity: Int = 256) -> FlowEngine<T> {
        FlowEngine(flow: self, capacity: min(max(rows, 1), capacity))
    }

    /// z = T(x) and Σ_l log|det J_l(x)| per row.
    public func forward(_ x: Matrix) throws -> (z: Matrix, logDet: [Double]) {
        try check(x, cols: dimension, what: "flow input")
        return forward(x, on: makeEngine(rows: x.rows) as FlowEngine<Double>)
    }

    /// The forward pass of `x` on `engine` (Double or Float), tile by tile; results as Doubles.
    func forward<T: FlowScalar>(_ x: Matrix, on engine: FlowEngine<T>) -> (z: Matrix, logDet: [Double]) {
        var z = Matrix(rows: x.rows, cols: dimension)
        var logDet = [Double](repeating: 0, count: x.rows)
        forEachTile(rows: x.rows, capacity: engine.capacity) { start, n in
            copyRows(x, start, n, into: engine.states[0].pointer)
            engine.forwardTile(rows: n)
            copyRows(from: engine.states[blocks.count].pointer, start, n, into: &z)
            for r in 0..<n { logDet[start + r] = Double(engine.logDet.pointer[r]) }
        }
        return (z, logDet)
    }

    /// x = T⁻¹(z).
    public func inverse(_ z: Matrix) throws -> Matrix {
        try check(z, cols: dimension, what: "flow inverse input")
        let engine: FlowEngine<Double> = makeEngine(rows: z.rows)
        var x = Matrix(rows: z.rows, cols: dimension)
        forEachTile(rows: z.rows, capacity: engine.capacity) { start, n in
            copyRows(z, start, n, into: engine.states[blocks.count].pointer)
            engine.inverseTile(rows: n)
            copyRows(from: engine.states[0].pointer, start, n, into: &x)
        }
        return x
    }

    /// The ML loss of Eq. (8) per DESIGN.md: mean over rows of ½‖T(x)‖² − Σ_l log|det J_l(x)|
    /// (the constant D/2 · log 2π is dropped), in nats.
    public func mlLoss(_ x: Matrix) throws -> Double {
        guard x.rows > 0 else { throw FlowCoreError.invalidArgument(name: "sample count", value: "0", reason: "need ≥ 1 row") }
        let (z, logDet) = try forward(x)
        return Flow.mlLoss(z: z, logDet: logDet)
    }

    /// Mean over rows of ½‖z‖² − logDet: the ML loss from a forward pass's outputs.
    static func mlLoss(z: Matrix, logDet: [Double]) -> Double {
        var total = 0.0
        for r in 0..<z.rows {
            var sq = 0.0
            for i in 0..<z.cols { sq += z[r, i] * z[r, i] }
            total += 0.5 * sq - logDet[r]
        }
        return total / Double(z.rows)
    }

    /// The ML loss and its gradient with respect to all parameters (zero for blocks below
    /// `trainableBlocks.lowerBound`), evaluated in Double; the same math the trainer runs in Float.
    public func mlLossAndGradient(_ x: Matrix, trainableBlocks: Range<Int>? = nil) throws -> (loss: Double, gradient: [Double]) {
        try check(x, cols: dimension, what: "flow input")
        guard x.rows > 0 else { throw FlowCoreError.invalidArgument(name: "sample count", value: "0", reason: "need ≥ 1 row") }
        let range = try validatedBlockRange(trainableBlocks)
        let engine: FlowEngine<Double> = makeEngine(rows: x.rows)
        let loss = x.values.withUnsafeBufferPointer {
            engine.lossAndGradient(batch: $0.baseAddress!, rows: x.rows, lowestBlock: range.lowerBound)
        }
        var grad = [Double](repeating: 0, count: parameterCount)
        for k in engine.parameterOffsets[range.lowerBound]..<engine.parameterOffsets[range.upperBound] {
            grad[k] = engine.gradient.pointer[k]
        }
        return (loss, grad)
    }

    /// `range` (default: all blocks) checked against the block count.
    func validatedBlockRange(_ range: Range<Int>?) throws -> Range<Int> {
        let r = range ?? 0..<blocks.count
        guard r.lowerBound >= 0, r.upperBound <= blocks.count, !r.isEmpty else {
            throw FlowCoreError.invalidArgument(name: "trainable blocks", value: "\(r)", reason: "must be a non-empty sub-range of 0..<\(blocks.count)")
        }
        return r
    }
}

extension Flow {
    /// Replaces block `index` (same dimension required).
    public mutating func replaceBlock(at index: Int, with block: FlowBlock) throws {
        guard blocks.indices.contains(index) else {
            throw FlowCoreError.invalidArgument(name: "block index", value: "\(index)", reason: "must be in 0..<\(blocks.count)")
        }
        guard block.coupling.dimension == dimension else {
            throw FlowCoreError.shapeMismatch(what: "flow block", expected: "dimension \(dimension)", got: "\(block.coupling.dimension)")
        }
        blocks[index] = block
    }
}
