import FlowCore

/// Lemma 2 in one call: push samples through the exact optimal layer (Eq. 11) and test a' ⟂ p.
public enum LemmaTwo {
    /// Draws `sampleCount` samples of `density` ([p, a]), applies a' = (a − m(p))/σ(p), and runs HSIC
    /// on (p, a'). Under Lemma 2's condition (a = f(p) + g(p)·n, n ⟂ p: W, WU) the p-value is uniform;
    /// otherwise dependence remains and the p-value is small for enough samples. For W/WU pass
    /// `bandwidthScale ≈ 0.2`: the plain median heuristic cannot see dependence on the scale of m(p)'s
    /// oscillation (see `HSICConfig.bandwidthScale`), so its "independent" verdict would be vacuous.
    public static func independenceAfterOptimalLayer<Q: KnownConditionalDensity>(
        of density: Q, sampleCount: Int, config: HSICConfig = .init(), using rng: inout SeededGenerator
    ) throws -> IndependenceTestResult {
        let x = try density.sample(count: sampleCount, using: &rng)
        let (y, _) = try LemmaOne.applyOptimalLayer(of: density, to: x)
        return try HSIC.test(x: y.column(0), y: y.column(1), config: config, using: &rng)
    }
}
