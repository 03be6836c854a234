import FlowCore
import Foundation
import Report

/// Everything ex8 measured, side by side with the trained comparisons read from ex6/ex7, and the
/// metrics of results.json.
struct Example8Comparison {
    var single: [SingleLayerPoint]
    /// The square first, then the toys in ex7's order.
    var deep: [ClosedFormDeepResult]
    var square: DeepProblemResult
    var toys: [DeepProblemResult]
    var config: Example8Stage.Config
    /// Held-out gaps of independent closed-form fits at the largest N, by density id (`w`, `wu`).
    var closedFormReplicates: [String: [Double]] = [:]

    /// True NLL in nats for the toys (ML loss + log 2π); KL for the square, as in ex6: H = log 4.
    static let nllOffset = log(2 * Double.pi)
    static let klOffset = -log(4.0) + log(2 * Double.pi)
    func offset(_ id: String) -> Double { id == "square" ? Self.klOffset : Self.nllOffset }

    /// The trained comparison (ex6's for the square, ex7's for a toy) of problem `id`.
    func trained(_ id: String) -> DeepProblemResult? { id == "square" ? square : toys.first { $0.id == id } }

    var largestN: Int { config.single.sampleSizes.max() ?? 0 }
    func point(_ d: SingleLayerDensity, _ n: Int) -> SingleLayerPoint? { single.first { $0.density == d && $0.n == n } }

    /// `<toy>.nll_by_depth_closed_form` and `kl_by_depth_closed_form` (square; mean over seeds, per seed
    /// `…_seed<k>`), `<id>.closed_form_seconds` (mean CPU time of building one flow), and per single-layer density
    /// `<d>.closed_form_gap_N<N>`, `<d>.trained_gap_N<N>` (held-out ML loss − Theorem 1 minimum, nats)
    /// with `…_seconds_N<N>`; `<id>.<method>_cpu_seconds_per_run` for the trained methods (`cpuSecondsPerRun`).
    func metrics() -> [String: MetricValue] {
        var m: [String: MetricValue] = [:]
        for r in deep {
            let name = r.id == "square" ? "kl_by_depth_closed_form" : "\(r.id).nll_by_depth_closed_form"
            let o = offset(r.id)
            m[name] = .numbers(r.meanLoss.map { $0 + o })
            for (k, run) in r.runs.enumerated() { m["\(name)_seed\(k)"] = .numbers(run.heldOutLoss.map { $0 + o }) }
            m["\(r.id).closed_form_seconds"] = .number(r.meanSeconds)
            for method in Example8Stage.ex7Methods {
                if let seconds = trained(r.id)?.methods[method]?.cpuSecondsPerRun {
                    m["\(r.id).\(method.rawValue)_cpu_seconds_per_run"] = .number(seconds)
                }
            }
        }
        for p in single {
            let d = p.density.id
            m["\(d).closed_form_gap_N\(p.n)"] = .number(p.closedForm.gap)
            m["\(d).closed_form_seconds_N\(p.n)"] = .number(p.closedForm.seconds)
            if let t = p.trained {
                m["\(d).trained_gap_N\(p.n)"] = .number(t.gap)
                m["\(d).trained_seconds_N\(p.n)"] = .number(t.seconds)
            }
        }
        m["single_sample_sizes"] = .numbers(config.single.sampleSizes.map(Double.init))
        for (d, gaps) in closedFormReplicates { m["\(d).closed_form_gap_replicates_N\(largestN)"] = .numbers(gaps) }
        return m
    }
}
