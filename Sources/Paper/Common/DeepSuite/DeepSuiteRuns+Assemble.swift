import CouplingTheory
import FlowCore
import Foundation

extension DeepSuiteRuns {
    /// Per-problem results (seed-ordered, depth-ordered). In a `--shard` run, the first job another
    /// shard owns throws `ShardRunComplete`.
    func assemble() throws -> [DeepProblemResult] {
        try problems.map { problem in
            var results: [DeepMethod: DeepMethodResult] = [:]
            for m in methods { results[m] = try assemble(MethodOnProblem(problem: problem.index, method: m)) }
            let x = problem.testSet
            let identity = (0..<x.rows).reduce(0.0) { acc, r in acc + 0.5 * (x[r, 0] * x[r, 0] + x[r, 1] * x[r, 1]) } / Double(x.rows)
            return DeepProblemResult(id: problem.id, identityLoss: identity, methods: results, testSet: x)
        }
    }

    /// One method on one problem: its search, and every seed at the chosen rate.
    func assemble(_ pair: MethodOnProblem) throws -> DeepMethodResult {
        let c = config, m = pair.method, lr = chosen[pair]!
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
                    let (r, seconds) = try run(job(pair, lr: lr, seed: s, depth: d))
                    row[d - 1] = r.heldOutLoss[0]
                    converged[d - 1] = r.traces.allSatisfy(c.convergence.isConverged)
                    traces += r.traces
                    if s == 0 { flows[d] = r.flow }
                    if s == 0 && d == c.depth { seedZeroTraces = r.traces }
                    if d == c.depth { finalRunSeconds.append(seconds) }
                }
                losses.append(row)
                convergedBySeed.append(converged)
            } else {
                let (r, seconds) = try run(job(pair, lr: lr, seed: s, depth: c.depth))
                losses.append(r.heldOutLoss)
                traces += r.traces
                convergedBySeed.append(r.traces.map(c.convergence.isConverged))
                finalRunSeconds.append(seconds)
                if s == 0 { flows[c.depth] = r.flow; deltas = r.chosenDeltas.compactMap { $0 }; seedZeroTraces = r.traces }
            }
        }
        var result = DeepMethodResult(method: m, validationByLearningRate: try validationByRate(pair), chosenLearningRate: c.learningRates[lr],
                                      heldOutLossBySeed: losses, seedZeroFlows: flows, seedZeroDeltas: deltas,
                                      convergedRuns: traces.filter(c.convergence.isConverged).count, totalRuns: traces.count,
                                      seedZeroTraces: seedZeroTraces, convergedBySeed: convergedBySeed)
        result.cost = cost(pair)
        result.earlyValidationByLearningRate = try earlyValidationByRate(pair)
        result.earlyChosenLearningRate = Self.lowest(result.earlyValidationByLearningRate).map { c.learningRates[$0] }
        let timed = finalRunSeconds.compactMap { $0 }
        if !timed.isEmpty && timed.count == finalRunSeconds.count { result.cpuSecondsPerRun = timed.reduce(0, +) / Double(timed.count) }
        return result
    }
}
