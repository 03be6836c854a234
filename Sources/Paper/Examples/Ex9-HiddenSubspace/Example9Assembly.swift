import CouplingTheory
import Foundation
import Report

/// Turns the job outputs (in job order) into per-set results, and the results into results.json metrics.
enum Example9Assembly {
    static func assemble(jobs: [Example9Job], outputs: JobResults<Example9Job>, sets: [SubspaceDataSet], seeds: Int,
                         pairs: [(angleDeg: Double, delta: Double)], convergence: ConvergenceRule) throws -> Example9Result {
        var first = [Int: [Int: FirstLayerDeltas]](), lw = [Int: [Bool: [Int: DepthCurve]]](), e2e = [Int: [Int: [Int: DepthCurve]]]()
        var candidates = [Int: CandidateRanking.Outcome]()
        for job in jobs {
            switch (job.work, try outputs.output(of: job)) {
            case let (.firstLayer(s, k), .firstLayer(r)): first[s, default: [:]][k] = r
            case let (.layerwise(s, oas, k), .curve(r)): lw[s, default: [:]][oas, default: [:]][k] = r
            case let (.endToEnd(s, d, k), .curve(r)): e2e[s, default: [:]][k, default: [:]][d] = r
            case let (.candidate(c), .candidate(r)): candidates[c] = r
            default: throw DeepStageError.invalidConfig("job \(job.label) returned a mismatched result")
            }
        }
        let results = sets.indices.map { s -> SubspaceSetResult in
            let depth = sets[s].flows.depth
            let endToEnd = (0..<seeds).map { k -> [Double] in
                var row = [Double](repeating: .nan, count: depth + 1)
                row[0] = lw[s]?[true]?[k]?.nll[0] ?? .nan   // depth 0 is the identity for every method
                for (d, curve) in e2e[s]?[k] ?? [:] where d <= depth { row[d] = curve.nll[d] }
                return row
            }
            let lwCurves = { (oas: Bool) in (0..<seeds).compactMap { lw[s]?[oas]?[$0] } }
            let e2eTraces = (e2e[s]?[0] ?? [:]).sorted { $0.key < $1.key }.flatMap(\.value.trainingLoss)
            return SubspaceSetResult(
                id: sets[s].id, depth: depth, firstLayer: (0..<seeds).compactMap { first[s]?[$0] },
                nll: [.lwOAS: lwCurves(true).map(\.nll), .lwRND: lwCurves(false).map(\.nll), .e2e: endToEnd],
                seedZeroTraces: [.lwOAS: lw[s]?[true]?[0]?.trainingLoss ?? [], .lwRND: lw[s]?[false]?[0]?.trainingLoss ?? [], .e2e: e2eTraces],
                seedZeroChosenDelta: lw[s]?[true]?[0]?.chosenDelta ?? [], seedZeroStartDelta: lw[s]?[true]?[0]?.startDelta ?? [])
        }
        return Example9Result(sets: results, candidates: candidates.sorted { $0.key < $1.key }.map(\.value),
                              pairAngles: pairs.map { $0.angleDeg }, pairDeltas: pairs.map { $0.delta }, convergence: convergence)
    }

    /// `<set>.delta_general_oas` / `delta_best_random` (mean over seeds, first layer, held-out Δ̂) with
    /// `_se` and `_by_seed`; `<set>.nll_by_depth_<method>` (mean over seeds, index = depth 0…L; E2E null
    /// where not trained) and `_seed<k>`; hidden set: `delta_inverse_rotation_oas`, the candidates'
    /// Δ̂ and trained decreases, `spearman_delta_vs_trained`, the pair angles and Δ̂.
    static func metrics(_ r: Example9Result) -> [String: MetricValue] {
        var m: [String: MetricValue] = [:]
        for set in r.sets {
            let p = set.id + "."
            m[p + "delta_general_oas"] = .number(set.generalOAS.value)
            m[p + "delta_general_oas_se"] = .number(set.generalOAS.standardError)
            m[p + "delta_best_random"] = .number(set.bestRandom.value)
            m[p + "delta_best_random_se"] = .number(set.bestRandom.standardError)
            m[p + "delta_general_oas_by_seed"] = .numbers(set.firstLayer.map(\.generalOAS))
            m[p + "delta_best_random_by_seed"] = .numbers(set.firstLayer.map(\.bestRandom))
            m[p + "general_oas_moves_by_seed"] = .numbers(set.firstLayer.map { Double($0.moves) })
            if let o = set.oracle { m[p + "delta_inverse_rotation_oas"] = .number(o.value) }
            for method in SubspaceSetResult.methods {
                m[p + "nll_by_depth_\(method.rawValue)"] = .numbers(set.meanNLL(method))
                for (k, row) in (set.nll[method] ?? []).enumerated() { m[p + "nll_by_depth_\(method.rawValue)_seed\(k)"] = .numbers(row) }
            }
            m[p + "lw_oas_chosen_delta_seed0"] = .numbers(set.seedZeroChosenDelta)
        }
        let h = r.hidden.id + "."
        m[h + "spearman_delta_vs_trained"] = .number(r.spearman ?? .nan)
        m[h + "candidate_delta"] = .numbers(r.candidates.map(\.delta))
        m[h + "candidate_trained_decrease"] = .numbers(r.candidates.map(\.trainedDecrease))
        m[h + "candidate_perturbation_deg"] = .numbers(r.candidates.map(\.perturbationDeg))
        m[h + "candidate_converged_fraction"] = .number(r.convergedFraction)
        m[h + "pair_oas_angle_deg"] = .numbers(r.pairAngles)
        m[h + "pair_oas_delta"] = .numbers(r.pairDeltas)
        return m
    }
}
