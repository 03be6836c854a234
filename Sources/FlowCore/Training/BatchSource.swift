/// Where training batches come from: one N × D matrix per step.
///
/// Three sources cover the paper's protocols: `DensitySource` draws fresh samples every step
/// (Examples 1–4), `DatasetSource` iterates a fixed data set in shuffled mini-batches, and
/// `PushForwardSource` maps another source's batches through a frozen transform (Algorithm 2:
/// layer l is trained on samples of T^{(l−1)}_♯ μ).
public protocol BatchSource {
    /// The number of columns D of every batch.
    var dimension: Int { get }
    /// The next batch of `size` rows.
    mutating func nextBatch(size: Int, using rng: inout SeededGenerator) throws -> Matrix
    /// The next batch of `size` rows written into `batch`, reusing its storage when the source can
    /// (the trainer calls this every step so that a step allocates nothing). Same values as `nextBatch(size:using:)`.
    mutating func nextBatch(size: Int, into batch: inout Matrix, using rng: inout SeededGenerator) throws
}

extension BatchSource {
    public mutating func nextBatch(size: Int, into batch: inout Matrix, using rng: inout SeededGenerator) throws {
        batch = try nextBatch(size: size, using: &rng)
    }
}

/// Fresh i.i.d. samples from a density at every step.
public struct DensitySource: BatchSource {
    public let density: any Density
    public init(density: any Density) { self.density = density }
    public var dimension: Int { density.dimension }
    public mutating func nextBatch(size: Int, using rng: inout SeededGenerator) throws -> Matrix {
        try density.sample(count: size, using: &rng)
    }
    public mutating func nextBatch(size: Int, into batch: inout Matrix, using rng: inout SeededGenerator) throws {
        try density.sample(count: size, into: &batch, using: &rng)
    }
}

/// A fixed data set visited in mini-batches: shuffled at the start of every epoch, then taken in order;
/// a batch that would run past the end starts a new epoch (the remainder of the old one is skipped).
public struct DatasetSource: BatchSource {
    public let data: Matrix
    private var order: [Int]
    private var cursor: Int

    /// Throws on an empty or non-finite data set.
    public init(data: Matrix) throws {
        guard data.rows >= 1, data.cols >= 1 else {
            throw FlowCoreError.invalidArgument(name: "data set", value: "\(data.rows)×\(data.cols)", reason: "must be non-empty")
        }
        guard data.isFinite else { throw FlowCoreError.nonFinite(what: "data set") }
        self.data = data
        order = Array(0..<data.rows)
        cursor = data.rows  // forces a shuffle before the first batch
    }

    public var dimension: Int { data.cols }

    public mutating func nextBatch(size: Int, using rng: inout SeededGenerator) throws -> Matrix {
        guard size >= 1, size <= data.rows else {
            throw FlowCoreError.invalidArgument(name: "batch size", value: "\(size)", reason: "must be in 1...\(data.rows) (data set rows)")
        }
        if cursor + size > data.rows {
            // Fisher–Yates with the injected generator.
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            cursor = 0
        }
        var out = Matrix(rows: size, cols: data.cols)
        for r in 0..<size {
            let src = order[cursor + r] * data.cols
            for c in 0..<data.cols { out.values[r * data.cols + c] = data.values[src + c] }
        }
        cursor += size
        return out
    }
}

/// Another source's batches mapped through a frozen transform, e.g. the first l − 1 layers of a flow.
public struct PushForwardSource<Base: BatchSource>: BatchSource {
    public var base: Base
    public let transform: (Matrix) throws -> Matrix

    /// `transform` must map N × D to N × D; it is called once per batch.
    public init(base: Base, transform: @escaping (Matrix) throws -> Matrix) {
        self.base = base
        self.transform = transform
    }

    /// Push-forward through a frozen flow: batches are T(x) for x from `base`.
    public init(base: Base, through flow: Flow) {
        self.init(base: base) { try flow.forward($0).z }
    }

    public var dimension: Int { base.dimension }

    public mutating func nextBatch(size: Int, using rng: inout SeededGenerator) throws -> Matrix {
        try transform(base.nextBatch(size: size, using: &rng))
    }
}
