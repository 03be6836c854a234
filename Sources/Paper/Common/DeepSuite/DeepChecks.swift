import Foundation
import Report

/// Tolerances of the deep-flow checks (nats).
public struct DeepTolerances: Codable, Sendable, Equatable {
    /// Allowed shortfall of a "beats" margin below 0 (paper profile: 0 — a strict comparison of seed means).
    public var beats: Double
    /// Allowed gap of PROG (or LW-OAS in Example 6) above E2E at the final depth.
    public var competitive: Double
    /// Optimisation noise allowed when a layer-wise layer is added: loss(l+1) − loss(l) ≤ this.
    public var sanity: Double
    /// A toy × method whose share of converged training runs is below this is not judged: the
    /// claims that need it are inconclusive (budget).
    public var minimumConverged: Double
    /// How far a held-out NLL may fall below the data's entropy (held-out estimation noise).
    public var entropyNoise: Double

    public init(beats: Double, competitive: Double, sanity: Double, minimumConverged: Double = 0.9, entropyNoise: Double = 0.03) {
        self.beats = beats; self.competitive = competitive; self.sanity = sanity
        self.minimumConverged = minimumConverged; self.entropyNoise = entropyNoise
    }
}

/// The deep-flow checks, built from per-seed curves (index d−1 = depth d; NaN where not trained).
///
/// Margins are differences of seed means; each check notes the margin's standard error over seeds,
/// √(SE_A² + SE_B²), so a reader sees whether it exceeds the seed noise. A claim whose methods did not
/// converge (share of converged runs below `minimumConverged`) is inconclusive, not judged.
enum DeepChecks {
    struct Side {
        var mean: [Double], se: [Double], converged: Double, label: String
        init(_ r: DeepMethodResult) {
            mean = r.meanLoss; se = r.standardError; converged = r.convergedFraction; label = r.method.label
        }
    }

    /// "A beats B at depths `depths`": measured = the worst margin B − A over those depths.
    static func beats(id: String, claim: String, winner a: Side, loser b: Side, depths: [Int], t: DeepTolerances) -> Check {
        let margins = depths.map { d in (d: d, m: b.mean[d - 1] - a.mean[d - 1], se: hypot(a.se[d - 1], b.se[d - 1])) }
        let worst = margins.min { $0.m < $1.m } ?? (d: 0, m: .nan, se: .nan)
        let check = Check.atLeast(id: id, claim: claim, measured: worst.m, expected: 0, tolerance: t.beats)
        return gated(check.noting(noise(worst.m, worst.se, depth: worst.d)), sides: [a, b], t: t)
    }

    /// "A is within `gap` of B at depth d": measured A − B ≤ gap (being better passes).
    static func competitive(id: String, claim: String, method a: Side, reference b: Side, depth d: Int, gap: Double,
                            t: DeepTolerances) -> Check {
        let m = a.mean[d - 1] - b.mean[d - 1], se = hypot(a.se[d - 1], b.se[d - 1])
        let check = Check.atMost(id: id, claim: claim, measured: m, tolerance: gap)
        return gated(check.noting(noise(m, se, depth: d)), sides: [a, b], t: t)
    }

    /// Sanity of layer-wise growth: the largest increase of the held-out loss from depth l to l+1,
    /// over all seeds (not averaged: every single run must behave). A self-check.
    static func noWorseWhenGrowing(id: String, claim: String, lossBySeed: [[Double]], tolerance: Double) -> Check {
        let worst = lossBySeed.flatMap { run in zip(run.dropFirst(), run).map { $0 - $1 } }.max() ?? 0
        return Check.atMost(id: id, claim: claim, measured: worst, tolerance: tolerance).selfCheck
    }

    /// NLL never below the data's entropy beyond noise: measured = min over methods, seeds and depths
    /// of NLL − H. A self-check (a violation would be a bug in the loss or the log-determinant).
    static func aboveEntropy(id: String, claim: String, nllBySeed: [[Double]], entropy: Double, noise: Double) -> Check {
        let lowest = nllBySeed.flatMap { $0 }.filter(\.isFinite).min() ?? .nan
        return Check.atLeast(id: id, claim: claim, measured: lowest - entropy, expected: 0, tolerance: noise).selfCheck
    }

    /// Inconclusive (budget) when a method the claim needs converged in too few runs.
    static func gated(_ check: Check, sides: [Side], t: DeepTolerances) -> Check {
        let short = sides.filter { !($0.converged >= t.minimumConverged) }
        guard !short.isEmpty else { return check }
        let list = short.map { "\($0.label) \(Int(($0.converged * 100).rounded())) %" }.joined(separator: ", ")
        return check.inconclusive("budget: converged runs \(list), below \(Int(t.minimumConverged * 100)) %")
    }

    /// "margin 0.012 ± 0.020 (SE over seeds) at depth 3".
    static func noise(_ m: Double, _ se: Double, depth: Int) -> String {
        "margin \(DeepProse.f(m)) ± \(DeepProse.f(se)) (SE over seeds) at depth \(depth)"
    }
}
