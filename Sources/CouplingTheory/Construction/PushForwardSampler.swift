import FlowCore

/// The precision samples are pushed through the frozen blocks in.
public enum PushPrecision: Sendable {
    /// Float, as training sees its batches (`Flow.forwardFloat`).
    case float
    /// Double (`Flow.forward`), for estimators that read small differences.
    case double
}

/// Where Algorithm 2 takes its samples of the current push-forward T^(l−1)_♯ μ from.
///
/// `FreshSamples` draws new samples of μ for every request (a density, or a data set in shuffled
/// batches); `FixedSamples` pushes one fixed data set through the flow once per iteration and hands
/// out its rows. The builder, the rotation policy and the block fitter all ask the same sampler, in a
/// fixed order, so that one generator decides every draw.
public protocol PushForwardSampler {
    associatedtype Source: BatchSource
    /// Batches of μ itself, for training that runs the frozen blocks on every batch.
    var source: Source { get set }
    var dimension: Int { get }
    /// `count` samples of μ pushed through `flow` (its blocks so far).
    mutating func pushed(_ count: Int, through flow: Flow, precision: PushPrecision,
                         using rng: inout SeededGenerator) throws -> Matrix
}

/// Fresh samples of μ for every request: `count` new rows from `source`, pushed through the flow.
public struct FreshSamples<Source: BatchSource>: PushForwardSampler {
    public var source: Source

    public init(_ source: Source) { self.source = source }

    public var dimension: Int { source.dimension }

    public mutating func pushed(_ count: Int, through flow: Flow, precision: PushPrecision,
                                using rng: inout SeededGenerator) throws -> Matrix {
        let x = try source.nextBatch(size: count, using: &rng)
        if flow.blocks.isEmpty { return x }
        switch precision {
        case .float: return try flow.forwardFloat(x).z
        case .double: return try flow.forward(x).z
        }
    }
}

/// One fixed data set: each iteration pushes all of it through the flow once; a request for `count`
/// samples gets its first min(`count`, rows) pushed rows (no draw), so the rotation search and the
/// block's training pool of one iteration see the same rows.
public struct FixedSamples: PushForwardSampler {
    public let data: Matrix
    public var source: DatasetSource
    private var pushedData: (flow: Flow, precision: PushPrecision, rows: Matrix)?

    /// Throws on an empty or non-finite data set.
    public init(_ data: Matrix) throws {
        self.data = data
        source = try DatasetSource(data: data)
    }

    public var dimension: Int { data.cols }

    public mutating func pushed(_ count: Int, through flow: Flow, precision: PushPrecision,
                                using rng: inout SeededGenerator) throws -> Matrix {
        guard count >= 1 else { throw TheoryError.invalidArgument(name: "sample count", value: "\(count)", reason: "must be ≥ 1") }
        let all: Matrix
        if let known = pushedData, known.precision == precision, known.flow == flow {
            all = known.rows
        } else {
            switch (flow.blocks.isEmpty, precision) {
            case (true, _): all = data
            case (false, .float): all = try flow.forwardFloat(data).z
            case (false, .double): all = try flow.forward(data).z
            }
            pushedData = (flow, precision, all)
        }
        return count < all.rows ? try all.firstRows(count) : all
    }
}
