import CouplingTheory
import FlowCore
import Foundation

/// A density to model, with its held-out (test) and validation samples.
public struct DeepProblem: Sendable {
    /// Identifier used in metric names (`moons`, `square`, …).
    public var id: String
    public var density: any Density
    /// Held-out samples for the per-depth loss (never used for any choice).
    var testSet: Matrix
    /// Separate samples for the learning-rate choice.
    var validationSet: Matrix
}

/// One whole training: a problem, a method, a learning rate, a seed and (end-to-end only) a depth.
struct DeepJob: Hashable, Sendable {
    var problem: Int
    var method: DeepMethod
    var lrIndex: Int
    var seedIndex: Int
    /// The depth of an end-to-end flow; nil for the iterative builders (which record every depth).
    var endToEndDepth: Int?

    /// Approximate cost in block-steps, used to start long jobs first and to report progress.
    func cost(_ c: DeepRunConfig) -> Double {
        let l = Double(c.depth), s = Double(c.stepsPerLayer)
        switch method.mode {
        case .layerwise?:
            // One trained block per step, plus frozen forwards (~0.4 block-steps each): per batch without
            // a pool, once per pooled sample with one.
            let frozen = l * (l - 1) / 2 * 0.4
            if let pool = c.layerwisePool { return s * l + frozen * Double(pool) / Double(c.batchSize) }
            return s * (l + frozen)
        case .progressive?: return Double(c.progressiveSteps) * l * (l + 1) / 2
        case nil: return Double(c.endToEndSteps(depth: endToEndDepth ?? c.depth)) * Double(endToEndDepth ?? c.depth)
        }
    }

    /// The job's own generator: a hash of the stage seed and the job's coordinates. The learning
    /// rate is left out on purpose, so the searched rates see the same batches (common random numbers).
    func generator(stageSeed: UInt64) -> SeededGenerator {
        var h = stageSeed
        for part in [UInt64(problem), UInt64(DeepMethod.allCases.firstIndex(of: method)!),
                     UInt64(seedIndex), UInt64(endToEndDepth ?? 0)] {
            h = splitMix(h ^ (part &+ 0x9E37_79B9_7F4A_7C15))
        }
        return SeededGenerator(seed: h)
    }
}

/// The outcome of one training, as stored in the job cache.
struct DeepRun: Codable, Sendable {
    /// Held-out ML loss (DESIGN.md convention, log 2π dropped) per depth 1…L; one entry for end-to-end.
    var heldOutLoss: [Double]
    /// ML loss of the final flow on the validation samples.
    var validationLoss: Double
    /// The validation trace of every training run: one per added block (iterative), one for end-to-end.
    var traces: [[TracePoint]]
    /// The trained flow; kept for seed 0 only (the figures draw seed 0), nil otherwise.
    var flow: Flow?
    /// Δ̂ of each chosen OAS rotation (nil for random rotations).
    var chosenDeltas: [Double?]
    /// CPU seconds of the training thread for this job (training, OAS and held-out scoring); nil in records
    /// written before it was recorded.
    var cpuSeconds: Double? = nil
}

/// A job's cache record: its run, or nil when the training diverged (a too-large learning rate).
struct DeepJobRecord: Codable, Sendable {
    var run: DeepRun?
}

/// What identifies a job's result: everything it depends on except the worker count.
struct DeepJobDescription: Codable {
    var stageSeed: UInt64
    var problem: String
    var problemIndex: Int
    var method: DeepMethod
    var learningRate: Double
    var seedIndex: Int
    var endToEndDepth: Int?
    var config: DeepRunConfig
}

extension DeepJob {
    func description(problems: [DeepProblem], config c: DeepRunConfig, stageSeed: UInt64) -> DeepJobDescription {
        DeepJobDescription(stageSeed: stageSeed, problem: problems[problem].id, problemIndex: problem, method: method,
                           learningRate: c.learningRates[lrIndex], seedIndex: seedIndex, endToEndDepth: endToEndDepth,
                           config: c.relevant(to: method))
    }

    /// Trains the job; returns nil when the training diverged (a too-large learning rate).
    func run(problem p: DeepProblem, config c: DeepRunConfig, learningRate: Double, stageSeed: UInt64) throws -> DeepRun? {
        let started = ThreadCPUClock.seconds()
        var rng = generator(stageSeed: stageSeed)
        let source = DensitySource(density: p.density)
        let result: ConstructionResult
        do {
            if let mode = method.mode {
                let steps = mode == .layerwise ? c.stepsPerLayer : c.progressiveSteps
                let cfg = IterativeConstructionConfig(
                    depth: c.depth, architecture: c.architecture,
                    training: c.training(steps: steps, learningRate: learningRate),
                    rotation: method.usesOAS ? c.oasPolicy : .random, heldOutCount: p.testSet.rows,
                    validationPoints: c.validationPoints, layerwisePool: c.layerwisePool)
                result = try FlowConstruction.build(source: source, heldOut: p.testSet, entropy: nil, mode: mode,
                                                    config: cfg, validation: p.validationSet, using: &rng)
            } else {
                let cfg = EndToEndConfig(depths: [endToEndDepth ?? c.depth], architecture: c.architecture,
                                         training: c.training(steps: c.endToEndSteps(depth: endToEndDepth ?? c.depth), learningRate: learningRate),
                                         heldOutCount: p.testSet.rows, validationPoints: c.validationPoints)
                result = try EndToEndConstruction.train(source: source, heldOut: p.testSet, entropy: nil,
                                                        config: cfg, validation: p.validationSet, using: &rng)
            }
        } catch FlowCoreError.diverged {
            return nil
        }
        let validation = try result.flow.mlLossFloat(p.validationSet)
        guard validation.isFinite, result.records.allSatisfy({ $0.heldOutLoss.isFinite }) else { return nil }
        return DeepRun(heldOutLoss: result.records.map(\.heldOutLoss), validationLoss: validation,
                       traces: result.records.map(\.validationTrace), flow: seedIndex == 0 ? result.flow : nil,
                       chosenDeltas: result.records.map(\.chosenDelta), cpuSeconds: ThreadCPUClock.seconds() - started)
    }
}

/// The calling thread's CPU time: a job's own cost, whatever else shares the cores (wall time is not, when two
/// stages' workers train at once).
enum ThreadCPUClock {
    static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

/// SplitMix64 finaliser: a well-mixed 64-bit hash step.
func splitMix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
