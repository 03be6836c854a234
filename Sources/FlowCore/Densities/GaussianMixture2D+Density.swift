import Foundation

extension GaussianMixture2D: KnownConditionalDensity {
    public var dimension: Int { 2 }
    public var name: String { components.count == 1 ? "Gaussian" : "GMM(\(components.count))" }

    /// Draws a component k ~ Categorical(π), then x = μ_k + L_k ε with L_k the Cholesky factor of Σ_k.
    /// The table and the factors are prepared once per call, not per draw (they were ≈ 20 % of Fig. 1's
    /// time); the random stream and every operation on a draw are as before, so are the bits.
    public func sample(count: Int, using rng: inout SeededGenerator) throws -> Matrix {
        try validateSampleCount(count)
        let table = try CategoricalTable(components.map(\.weight))
        let factors = components.map { c -> (m0: Double, m1: Double, l00: Double, l10: Double, l11: Double) in
            let l00 = c.c00.squareRoot(), l10 = c.c01 / l00
            return (c.mean[0], c.mean[1], l00, l10, (c.c11 - l10 * l10).squareRoot())
        }
        var out = Matrix(rows: count, cols: 2)
        out.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<count {
                let f = factors[table.draw(using: &rng)]
                let e0 = rng.normal(), e1 = rng.normal()
                v[2 * i] = f.m0 + f.l00 * e0
                v[2 * i + 1] = f.m1 + f.l10 * e0 + f.l11 * e1
            }
        }
        return out
    }

    /// log Σ_k π_k N(x; μ_k, Σ_k), computed with log-sum-exp so that far tails stay finite.
    public func logDensity(at x: [Double]) -> Double? {
        guard x.count == 2 else { return nil }
        let terms = components.map { c -> Double in
            let d0 = x[0] - c.mean[0], d1 = x[1] - c.mean[1]
            let q = (c.c11 * d0 * d0 - 2 * c.c01 * d0 * d1 + c.c00 * d1 * d1) / c.determinant
            return log(c.weight) - 0.5 * q - 0.5 * log(c.determinant) - log(2 * Double.pi)
        }
        return logSumExp(terms)
    }

    /// Closed form only for a single component: log(2πe) + ½ log det Σ; `nil` for true mixtures.
    public var entropy: Double? {
        guard components.count == 1 else { return nil }
        return log(2 * Double.pi * M_E) + 0.5 * log(components[0].determinant)
    }

    /// [min_k (μ_p − 8 σ_p), max_k (μ_p + 8 σ_p)]: the Gaussian tail beyond 8σ is 6e-16 per side.
    public var passiveRange: ClosedRange<Double> {
        let lo = components.map { $0.mean[0] - 8 * $0.c00.squareRoot() }.min()!
        let hi = components.map { $0.mean[0] + 8 * $0.c00.squareRoot() }.max()!
        return lo...hi
    }

    /// μ(p) = Σ_k π_k N(p; μ_{p,k}, Σ_{pp,k}).
    public func passiveDensity(_ p: Double) -> Double {
        exp(logSumExp(passiveLogTerms(p)))
    }

    /// Exact m(p), σ(p) by the law of total variance over the posterior component weights
    /// w_k(p) ∝ π_k N(p; μ_{p,k}, Σ_{pp,k}): each component gives a | p, k ~ N(m_k(p), v_k) with
    /// m_k(p) = μ_{a,k} + Σ_{ap,k}/Σ_{pp,k} (p − μ_{p,k}), v_k = Σ_{aa,k} − Σ_{ap,k}²/Σ_{pp,k};
    /// m = Σ w_k m_k, σ² = Σ w_k (v_k + m_k²) − m².
    public func conditionalMoments(_ p: Double) -> (mean: Double, std: Double) {
        let w = posteriorWeights(p)
        var m = 0.0, second = 0.0
        for (k, c) in components.enumerated() {
            let (mk, vk) = componentConditional(c, p)
            m += w[k] * mk
            second += w[k] * (vk + mk * mk)
        }
        // Mixed variance: the within-component part Σ w_k v_k > 0 bounds it away from zero.
        let within = components.enumerated().reduce(0.0) { $0 + w[$1.offset] * componentConditional($1.element, p).1 }
        return (m, max(second - m * m, within).squareRoot())
    }

    /// log μ(a | p) = log Σ_k w_k(p) N(a; m_k(p), v_k).
    public func conditionalLogDensity(_ a: Double, given p: Double) -> Double? {
        let w = posteriorWeights(p)
        let terms = components.enumerated().map { k, c -> Double in
            let (mk, vk) = componentConditional(c, p)
            return log(w[k]) - 0.5 * (a - mk) * (a - mk) / vk - 0.5 * log(2 * Double.pi * vk)
        }
        return logSumExp(terms)
    }

    /// Single component: ½ log(2πe v); `nil` for true mixtures (no closed form).
    public func conditionalEntropy(_ p: Double) -> Double? {
        guard components.count == 1 else { return nil }
        return 0.5 * log(2 * Double.pi * M_E * componentConditional(components[0], p).1)
    }

    private func passiveLogTerms(_ p: Double) -> [Double] {
        components.map { c in
            log(c.weight) - 0.5 * (p - c.mean[0]) * (p - c.mean[0]) / c.c00 - 0.5 * log(2 * Double.pi * c.c00)
        }
    }

    /// Posterior component probabilities given p (softmax of the passive log terms).
    func posteriorWeights(_ p: Double) -> [Double] {
        let t = passiveLogTerms(p)
        let top = t.max()!
        let e = t.map { $0 == -.infinity ? 0 : exp($0 - top) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    private func componentConditional(_ c: Component, _ p: Double) -> (Double, Double) {
        (c.mean[1] + c.c01 / c.c00 * (p - c.mean[0]), c.c11 - c.c01 * c.c01 / c.c00)
    }
}

/// log Σ exp(t_i), stable for large |t_i|.
func logSumExp(_ terms: [Double]) -> Double {
    guard let top = terms.max(), top.isFinite else { return terms.max() ?? -.infinity }
    return top + log(terms.reduce(0) { $0 + exp($1 - top) })
}
