import CouplingTheory
import FlowCore
import Foundation
import Report

/// The power of Example 5's independence test against a dependence of the size Example 1 leaves.
///
/// Pairs known to be dependent: p ~ U[−2, 2] and a' = n·(1 + ε·w(p)), n ~ N(0, 1) independent of p,
/// w(p) = (1 + cos(8π/3·p))/2 — 1 at the troughs of the W density's σ(p), 0 at its peaks. This is the
/// output of a layer whose read-out σ̂(p) misses σ(p) by a relative ε at the troughs (Example 1's
/// Fig. 2b misses them by about 20 %). Power = the share of repetitions in which the test (same bins,
/// same kernel, level α) rejects independence.
struct Lemma2Power: Sendable {
    /// Sample sizes tried, in increasing order, and the rejection rate at each.
    var sampleSizes: [Int]
    var rejectionRates: [Double]
    /// Mean permutations drawn per repetition at each size (the sequential test stops early on non-rejections).
    var meanPermutations: [Double]
    /// The smallest tried size whose rejection rate reaches the target (nil: none did).
    var chosen: Int?

    static func trough(_ p: Double) -> Double { 0.5 * (1 + cos(8 * Double.pi / 3 * p)) }

    /// One repetition at sample size `n`, as a unit of work (sizes differ in cost, so each is its own kind).
    static func unitKind(_ n: Int) -> JobKind { JobKind(method: "power test", depth: 1, steps: n) }

    /// The repetitions `measure` may run, for a `WorkUnits` counter (it stops at the first size with enough power).
    static func units(sizes: [Int], repetitions: Int) -> [WorkUnits.Item] {
        sizes.flatMap { n in Array(repeating: WorkUnits.Item(kind: unitKind(n), cost: Double(n)), count: repetitions) }
    }

    /// Measures the rejection rate at each size (stops after the first that reaches `target`).
    /// The test is Example 5's (`SequentialHSICTest`, at most `permutations`, stopping at `exceedances`).
    /// Each repetition is a unit of `units` (of one kind per size, costed by the size), for the status line.
    static func measure(sizes: [Int], repetitions: Int, epsilon: Double, alpha: Double, target: Double,
                        bins: Int, permutations: Int, exceedances: Int?, units: WorkUnits? = nil,
                        using rng: inout SeededGenerator) throws -> Lemma2Power {
        var rates: [Double] = [], drawn: [Double] = []
        defer { units?.end() }
        for n in sizes {
            var rejected = 0, used = 0
            func repetition() throws -> PermutationTestResult {
                var p = [Double](repeating: 0, count: n), a = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    p[i] = rng.uniform(-2, 2)
                    a[i] = rng.normal() * (1 + epsilon * trough(p[i]))
                }
                let labels = PassiveBinEncoding.labels(p, bins: bins, range: -2...2)
                return try SequentialHSICTest.test(labels: labels, y: a, maxSamples: n, maxPermutations: permutations,
                                                   exceedances: exceedances, using: &rng)
            }
            for _ in 0..<repetitions {
                let result = try units.map { try $0.measure(unitKind(n), cost: Double(n), repetition) } ?? repetition()
                if result.pValue < alpha { rejected += 1 }
                used += result.permutations
            }
            rates.append(Double(rejected) / Double(max(repetitions, 1)))
            drawn.append(Double(used) / Double(max(repetitions, 1)))
            if rates.last! >= target {
                return Lemma2Power(sampleSizes: Array(sizes.prefix(rates.count)), rejectionRates: rates, meanPermutations: drawn, chosen: n)
            }
        }
        return Lemma2Power(sampleSizes: sizes, rejectionRates: rates, meanPermutations: drawn, chosen: nil)
    }
}
