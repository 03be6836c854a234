import Report

extension DeepProblemResult {
    /// The per-method metrics Examples 6 and 7 share, names prefixed by `prefix` (`""` for the
    /// square, `"<toy>."` for a toy): `converged_fraction_<m>`, `<loss>_by_depth_<m>` (mean over
    /// seeds, `offset` added: KL or NLL), `<loss>_by_depth_<m>_seed<k>`, `learning_rate_<m>`,
    /// `early_learning_rate_<m>` (the rate `EarlyRanking` would keep), `oas_delta_lw_oas_seed0` (Δ̂ of
    /// each rotation Algorithm 1 chose, seed 0), and the training's CPU seconds
    /// `search_cpu_seconds_<m>`, `seeds_cpu_seconds_<m>` (see `TrainingCost`; absent when a job's time is missing).
    func methodMetrics(prefix: String, loss: String, offset: Double) -> [String: MetricValue] {
        var m: [String: MetricValue] = [:]
        for (method, res) in methods {
            let id = method.rawValue
            m["\(prefix)converged_fraction_\(id)"] = .number(res.convergedFraction)
            m["\(prefix)\(loss)_by_depth_\(id)"] = .numbers(res.meanLoss.map { $0 + offset })
            for (s, row) in res.heldOutLossBySeed.enumerated() {
                m["\(prefix)\(loss)_by_depth_\(id)_seed\(s)"] = .numbers(row.map { $0 + offset })
            }
            m["\(prefix)learning_rate_\(id)"] = .number(res.chosenLearningRate)
            if let early = res.earlyChosenLearningRate { m["\(prefix)early_learning_rate_\(id)"] = .number(early) }
            if let cost = res.cost {
                m["\(prefix)search_cpu_seconds_\(id)"] = .number(cost.search)
                m["\(prefix)seeds_cpu_seconds_\(id)"] = .number(cost.seeds)
            }
        }
        m["\(prefix)oas_delta_lw_oas_seed0"] = .numbers(methods[.lwOAS]?.seedZeroDeltas ?? [])
        return m
    }
}
