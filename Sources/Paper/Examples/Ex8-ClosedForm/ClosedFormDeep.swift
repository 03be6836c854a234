import CouplingTheory
import FlowCore
import Foundation
import Report

/// Settings of the deep closed-form runs (Algorithm 2 with Lemma 1 layers, no gradient descent).
struct ClosedFormDeepConfig: Codable, Sendable, Equatable {
    /// Blocks L per run.
    var depth: Int
    /// Independent runs per problem (each its own generator; the held-out set is shared, ex7's).
    var seeds: Int
    /// Fresh samples of μ per layer, pushed through the current flow, on which m̂, σ̂ are estimated.
    var samplesPerLayer: Int
    /// Algorithm 1's settings: the same grid, sample size and bins as ex7's LW-OAS.
    var rotation: RotationPolicy
}

/// One closed-form run: held-out per-sample losses per depth (for the curve and the paired SE of each
/// added layer's change), the final flow, and the CPU time of building it (as ex6/ex7's job records).
struct ClosedFormDeepRun: Codable, Sendable {
    /// Mean held-out ML loss (log 2π dropped) at depths 1…L.
    var heldOutLoss: [Double]
    /// Standard error of loss(d+1) − loss(d), paired over the held-out samples, d = 0…L−1 (0 = identity).
    var stepSE: [Double]
    var flow: Flow
    var seconds: Double
}

/// Closed-form results of one problem over seeds.
struct ClosedFormDeepResult: Sendable {
    var id: String
    var runs: [ClosedFormDeepRun]
    var identityLoss: Double
    var lossBySeed: [[Double]] { runs.map(\.heldOutLoss) }
    var meanLoss: [Double] { DeepStatistics.mean(lossBySeed) }
    var standardError: [Double] { DeepStatistics.standardError(lossBySeed) }
    var meanSeconds: Double { runs.map(\.seconds).reduce(0, +) / Double(max(1, runs.count)) }
}

/// One closed-form run: the problem (its position in the list given) and the seed.
struct ClosedFormDeepJob: GridJob {
    typealias Output = ClosedFormDeepRun
    var problem: Int
    var seed: Int
    var depth: Int

    var kind: JobKind { JobKind(method: "closed_form", depth: depth, steps: 0) }
    var cost: Double { Double(depth) }
    var label: String { "closed form, problem \(problem) seed \(seed)" }
}

enum ClosedFormDeep {
    /// Every (problem, seed) run on `grid` (not cached: this code is not library code); each run's
    /// generator is hashed from the stage seed, the problem's position and the seed, so results do not
    /// depend on the workers.
    static func run(problems: [DeepProblem], config: ClosedFormDeepConfig, seed: UInt64, grid: JobGrid) throws -> [ClosedFormDeepResult] {
        let jobs = problems.indices.flatMap { p in (0..<config.seeds).map { ClosedFormDeepJob(problem: p, seed: $0, depth: config.depth) } }
        let runs = try grid.run(jobs) { job in
            var rng = SeededGenerator(seed: splitMix(splitMix(seed ^ UInt64(job.problem) &+ 0xC105ED) ^ UInt64(job.seed)))
            return try one(problems[job.problem], config: config, using: &rng)
        }
        return try problems.indices.map { p in
            let mine = try jobs.filter { $0.problem == p }.map { try runs.output(of: $0) }
            return ClosedFormDeepResult(id: problems[p].id, runs: mine, identityLoss: try identityLoss(problems[p].testSet))
        }
    }

    /// One run: build L closed-form blocks on fresh samples, then score every depth on the held-out set.
    static func one(_ problem: DeepProblem, config: ClosedFormDeepConfig, using rng: inout SeededGenerator) throws -> ClosedFormDeepRun {
        let start = ThreadCPUClock.seconds()
        // The builder scores the whole flow on `heldOut` after every layer (quadratic in depth); the curve is
        // computed below block by block on the full held-out set instead, so the builder gets a token 64 rows.
        let token = try problem.testSet.firstRows(64)
        let built = try LayerwiseConstruction.build(data: FreshSamples(DensitySource(density: problem.density)), depth: config.depth,
                                                    rotation: config.rotation, fitter: ClosedFormBlockFitter(samplesPerLayer: config.samplesPerLayer),
                                                    heldOut: token, entropy: nil, using: &rng)
        let seconds = ThreadCPUClock.seconds() - start
        let (losses, steps) = try depthLosses(built.flow, heldOut: problem.testSet)
        return ClosedFormDeepRun(heldOutLoss: losses, stepSE: steps, flow: built.flow, seconds: seconds)
    }

    /// Pushes the held-out set through the flow block by block: per depth the mean per-sample loss
    /// ½‖z‖² − log|det J| and the paired SE of its change from the previous depth.
    static func depthLosses(_ flow: Flow, heldOut x: Matrix) throws -> (mean: [Double], stepSE: [Double]) {
        var z = x, logDet = [Double](repeating: 0, count: x.rows)
        var previous = perSample(z, logDet)
        var means: [Double] = [], ses: [Double] = []
        for block in flow.blocks {
            let out = try Flow(dimension: flow.dimension, blocks: [block]).forward(z)
            z = out.z
            for n in 0..<x.rows { logDet[n] += out.logDet[n] }
            let current = perSample(z, logDet)
            means.append(MonteCarloEstimate(samples: current).value)
            ses.append(MonteCarloEstimate(samples: zip(current, previous).map { $0 - $1 }).standardError)
            previous = current
        }
        return (means, ses)
    }

    static func identityLoss(_ x: Matrix) throws -> Double {
        MonteCarloEstimate(samples: perSample(x, [Double](repeating: 0, count: x.rows))).value
    }

    static func perSample(_ z: Matrix, _ logDet: [Double]) -> [Double] {
        (0..<z.rows).map { n in 0.5 * (0..<z.cols).reduce(0.0) { $0 + z[n, $1] * z[n, $1] } - logDet[n] }
    }
}
