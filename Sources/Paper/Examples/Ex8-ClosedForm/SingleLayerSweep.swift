import CouplingTheory
import FlowCore
import Foundation
import Report

/// The single-layer densities of ex8 and their metric ids: W (Ex. 1), WU (Ex. 2) and Example 4's
/// mixture (δ = 0.95) seen at rotation θ ∈ {0°, 45°, 75°, 90°} (`gmm<θ>`, convention [p, a] = Q(θ) x).
enum SingleLayerDensity: Codable, Sendable, Equatable, Hashable {
    case w, wu
    case mixture(degrees: Int)

    var id: String {
        switch self {
        case .w: return "w"
        case .wu: return "wu"
        case .mixture(let d): return "gmm\(d)"
        }
    }

    /// The density and its Theorem 1 minimum of the ML loss (quadrature, log 2π dropped).
    func make(mixtureDelta: Double) throws -> (density: any KnownConditionalDensity, bound: Double) {
        switch self {
        case .w: let d = WDensity(); return (d, TheoremOne.boundMLLoss(of: d))
        case .wu: let d = WUDensity(); return (d, TheoremOne.boundMLLoss(of: d))
        case .mixture(let deg):
            let d = try GaussianMixture2D.example4(delta: mixtureDelta).rotated(byDegrees: Double(deg))
            return (d, TheoremOne.boundMLLoss(of: d))
        }
    }

    /// A stable small number per density, so that every N of a density shares one held-out set.
    var index: UInt64 {
        switch self {
        case .w: return 1
        case .wu: return 2
        case .mixture(let d): return 3 + UInt64(d)
        }
    }
}

/// One fit (closed-form or trained) on N samples: its held-out gap to the Theorem 1 bound and its time.
struct SingleLayerFit: Codable, Sendable {
    var gap: Double
    var gapSE: Double
    var seconds: Double
    /// The trained coupling's training loss per step (empty for the closed form): its convergence.
    var trainingLoss: [Double] = []
}

/// Both fits of one density at one sample size.
struct SingleLayerPoint: Codable, Sendable {
    var density: SingleLayerDensity
    var n: Int
    /// The Theorem 1 minimum of the held-out ML loss (log 2π dropped).
    var bound: Double
    var closedForm: SingleLayerFit
    var trained: SingleLayerFit?
    /// The closed-form flow (for the invertibility self-check).
    var closedFormFlow: Flow
}

/// The N-sweep: on N samples of each density, Lemma 1's layer by kernel regression and (where asked)
/// the paper-style trained coupling on the same N samples; both scored on fresh held-out samples.
enum SingleLayerSweep {
    struct Settings: Codable, Sendable, Equatable {
        var sampleSizes: [Int]
        var densities: [SingleLayerDensity]
        var mixtureDelta: Double
        /// Densities whose trained coupling is fitted at every N; the others only at the largest N.
        var trainedAtEveryN: [SingleLayerDensity]
        /// The paper's protocol (Example 1), on a fixed data set of N samples: batches of min(N, batch size).
        var training: SingleCouplingSettings
        var heldOutCount: Int
    }

    /// One density at one sample size.
    struct Job: GridJob {
        typealias Output = SingleLayerPoint
        var density: SingleLayerDensity
        var n: Int
        var trains: Bool

        var kind: JobKind { JobKind(method: trains ? "closed_form+trained" : "closed_form", depth: 1, steps: 0) }
        var cost: Double { Double(n) * (trains ? 2 : 1) }
        var label: String { "\(density.id) N = \(n)" }
    }

    static func run(_ s: Settings, seed: UInt64, grid: JobGrid) throws -> [SingleLayerPoint] {
        let largest = s.sampleSizes.max() ?? 0
        let jobs = s.densities.flatMap { d in s.sampleSizes.map { Job(density: d, n: $0, trains: s.trainedAtEveryN.contains(d) || $0 == largest) } }
        let points = try grid.run(jobs) { job in
            try point(job.density, n: job.n, settings: s, train: job.trains, seed: seed &+ 0x51 ^ (job.density.index << 32))
        }
        return try jobs.map { try points.output(of: $0) }
    }

    static func point(_ d: SingleLayerDensity, n: Int, settings s: Settings, train: Bool, seed: UInt64) throws -> SingleLayerPoint {
        var rng = SeededGenerator(seed: splitMix(seed ^ UInt64(n)))
        var dataRNG = rng.split(), fitRNG = rng.split(), trainRNG = rng.split()
        // One held-out set per density (every N and both methods see the same samples).
        var heldRNG = SeededGenerator(seed: splitMix(seed ^ (d.index &* 0x9E37_79B9)))
        let (density, bound) = try d.make(mixtureDelta: s.mixtureDelta)
        let data = try density.sample(count: n, using: &dataRNG)
        let heldOut = try density.sample(count: s.heldOutCount, using: &heldRNG)
        // Closed form: no rotation (each density is already in the coordinates [p, a] it is judged in).
        let start = Date()
        let layer = try LemmaOne.closedFormLayer(samples: data, using: &fitRNG)
        let cfFlow = try Flow(dimension: 2, blocks: [FlowBlock(rotation: Rotation2D.matrix(degrees: 0), coupling: layer.coupling)])
        let cfSeconds = Date().timeIntervalSince(start)
        let cf = try PairedGap.estimate(flow: cfFlow, density: density, heldOut: heldOut)
        var trained: SingleLayerFit?
        if train {
            let t = try trainOnData(data, settings: s.training, using: &trainRNG)
            let g = try PairedGap.estimate(flow: t.flow, density: density, heldOut: heldOut)
            trained = SingleLayerFit(gap: g.value, gapSE: g.standardError, seconds: t.seconds, trainingLoss: t.loss)
        }
        return SingleLayerPoint(density: d, n: n, bound: bound, closedForm: SingleLayerFit(gap: cf.value, gapSE: cf.standardError, seconds: cfSeconds),
                                trained: trained, closedFormFlow: cfFlow)
    }

    /// The paper-style coupling (Example 1's network, Adam schedule and step count) trained by maximum
    /// likelihood on the fixed N samples, in shuffled mini-batches of min(N, batch size).
    static func trainOnData(_ data: Matrix, settings: SingleCouplingSettings, using rng: inout SeededGenerator) throws
        -> (flow: Flow, loss: [Double], seconds: Double) {
        var initRNG = rng.split(), batchRNG = rng.split()
        let subnet = try MLP(inputCount: 1, outputCount: 2, hiddenWidths: settings.hiddenWidths, activation: settings.activation,
                             zeroLastLayer: settings.zeroOutputLayer, using: &initRNG)
        let coupling = try AffineCoupling(passiveCount: 1, activeCount: 1, subnet: subnet, clamp: settings.clamp)
        var flow = try Flow(dimension: 2, blocks: [FlowBlock(rotation: Rotation2D.matrix(degrees: 0), coupling: coupling)])
        var config = settings.training
        config.batchSize = min(config.batchSize, data.rows)
        var source = try DatasetSource(data: data)
        let start = Date()
        let loss = try FlowTrainer.train(&flow, source: &source, config: config, using: &batchRNG)
        return (flow, loss, Date().timeIntervalSince(start))
    }
}
