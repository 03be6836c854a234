import CouplingTheory
import Foundation
import FlowCore

extension DeepSuite {
    /// Collects one problem's runs into per-method results (seed-ordered, depth-ordered).
    static func assemble(problem p: Int, problems: [DeepProblem], methods: [DeepMethod], config c: DeepRunConfig,
                         chosen: [DeepJob: Int], known: [DeepJob: DeepRun], search: [DeepJob],
                         searched: [DeepRun?]) throws -> DeepProblemResult {
        var results: [DeepMethod: DeepMethodResult] = [:]
        for m in methods {
            let lr = chosen[key(p, m)]!
            let validation = c.learningRates.indices.map { searched[search.firstIndex(of: searchJob(p, m, $0, c))!]?.validationLoss ?? .infinity }
            var losses: [[Double]] = []
            var flows: [Int: Flow] = [:]
            var deltas: [Double] = []
            var traces: [[TracePoint]] = []
            var seedZeroTraces: [[TracePoint]] = []
            var convergedBySeed: [[Bool?]] = []
            var finalRunSeconds: [Double?] = []
            for s in 0..<c.seeds {
                if m == .e2e {
                    // One flow per trained depth; untrained depths stay NaN (written as null, not drawn).
                    var row = [Double](repeating: .nan, count: c.depth)
                    var converged = [Bool?](repeating: nil, count: c.depth)
                    for d in c.endToEndDepths {
                        let r = known[DeepJob(problem: p, method: m, lrIndex: lr, seedIndex: s, endToEndDepth: d)]!
                        row[d - 1] = r.heldOutLoss[0]
                        converged[d - 1] = r.traces.allSatisfy(c.isConverged)
                        traces += r.traces
                        if s == 0 { flows[d] = r.flow }
                        if s == 0 && d == c.depth { seedZeroTraces = r.traces }
                        if d == c.depth { finalRunSeconds.append(r.cpuSeconds) }
                    }
                    losses.append(row)
                    convergedBySeed.append(converged)
                } else {
                    let run = known[DeepJob(problem: p, method: m, lrIndex: lr, seedIndex: s)]!
                    losses.append(run.heldOutLoss)
                    traces += run.traces
                    convergedBySeed.append(run.traces.map { c.isConverged($0) })
                    finalRunSeconds.append(run.cpuSeconds)
                    if s == 0 { flows[c.depth] = run.flow; deltas = run.chosenDeltas.compactMap { $0 }; seedZeroTraces = run.traces }
                }
            }
            let converged = traces.filter(c.isConverged).count
            results[m] = DeepMethodResult(method: m, validationByLearningRate: validation, chosenLearningRate: c.learningRates[lr],
                                          heldOutLossBySeed: losses, seedZeroFlows: flows, seedZeroDeltas: deltas,
                                          convergedRuns: converged, totalRuns: traces.count, seedZeroTraces: seedZeroTraces,
                                          convergedBySeed: convergedBySeed)
            let timed = finalRunSeconds.compactMap { $0 }
            if !timed.isEmpty && timed.count == finalRunSeconds.count {
                results[m]!.cpuSecondsPerRun = timed.reduce(0, +) / Double(timed.count)
            }
        }
        let x = problems[p].testSet
        let identity = (0..<x.rows).reduce(0.0) { acc, r in acc + 0.5 * (x[r, 0] * x[r, 0] + x[r, 1] * x[r, 1]) } / Double(x.rows)
        return DeepProblemResult(id: problems[p].id, identityLoss: identity, methods: results, testSet: x)
    }
}

/// Thread-safe progress in units of estimated block-steps.
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Double
    private var done = 0.0
    private(set) var cachedJobs = 0, trainedJobs = 0
    private let report: @Sendable (Double, String) -> Void

    init(total: Double, report: @escaping @Sendable (Double, String) -> Void) {
        self.total = max(total, 1)
        self.report = report
    }

    /// Counts a job taken from the cache (`trained` false) or trained here, and advances the bar.
    func finished(job amount: Double, trained: Bool, message: String) {
        lock.lock()
        if trained { trainedJobs += 1 } else { cachedJobs += 1 }
        lock.unlock()
        advance(by: amount, message: message)
    }

    func advance(by amount: Double, message: String) {
        lock.lock()
        done += amount
        let fraction = done / total
        lock.unlock()
        report(fraction, message)
    }
}
