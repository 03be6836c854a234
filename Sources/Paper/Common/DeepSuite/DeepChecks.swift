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
    /// A method whose share of converged training runs, among the runs that make up the models a
    /// claim compares, is below this is not judged: the claim is inconclusive (budget).
    public var minimumConverged: Double
    /// How far a held-out NLL may fall below the data's entropy (held-out estimation noise).
    public var entropyNoise: Double
    /// How many standard errors (over seeds) a margin must clear to decide a claim (paper profile: 2).
    /// A margin within ± this many SE of the claim's threshold is inconclusive (seed noise). 0 turns
    /// the rule off (the fast profile, whose two seeds give no useful SE).
    public var marginSEs: Double

    public init(beats: Double, competitive: Double, sanity: Double, minimumConverged: Double = 0.9, entropyNoise: Double = 0.03,
                marginSEs: Double = 2) {
        self.beats = beats; self.competitive = competitive; self.sanity = sanity
        self.minimumConverged = minimumConverged; self.entropyNoise = entropyNoise; self.marginSEs = marginSEs
    }
}

/// The deep-flow checks, built from per-seed curves (index d−1 = depth d; NaN where not trained).
///
/// Margins are differences of seed means with standard error √(SE_A² + SE_B²) over seeds. A claim is
/// decided only by a margin that clears its threshold by `marginSEs` standard errors — either way:
/// it passes when the margin exceeds the threshold by 2 SE, fails when it falls short by 2 SE, and is
/// inconclusive (seed noise) in between. A claim whose runs did not converge (share of converged
/// runs, among those making up the compared models, below `minimumConverged`) is inconclusive (budget).
enum DeepChecks {
    struct Side {
        var mean: [Double], se: [Double], label: String
        /// Share of converged runs among those that make up the models at the given depths.
        var convergedAt: ([Int]) -> Double
        init(_ r: DeepMethodResult) {
            mean = r.meanLoss; se = r.standardError; label = r.method.label
            convergedAt = { r.convergedFraction(depths: $0) }
        }
    }

    /// One depth's margin (positive: the claim holds there) and its standard error over seeds.
    struct Margin { var depth: Int, value: Double, se: Double }

    /// "A beats B at depths `depths`": margin B − A at each depth. Passes when every depth's margin
    /// exceeds −`beats` by `marginSEs` SE, fails when some depth falls below it by `marginSEs` SE;
    /// measured = the margin at the depth least in the claim's favour (in SE units).
    static func beats(id: String, claim: String, winner a: Side, loser b: Side, depths: [Int], t: DeepTolerances) -> Check {
        let margins = depths.map { d in Margin(depth: d, value: b.mean[d - 1] - a.mean[d - 1], se: hypot(a.se[d - 1], b.se[d - 1])) }
        let k = t.marginSEs
        let z = { (m: Margin) in k > 0 && m.se > 0 ? (m.value + t.beats) / m.se : m.value + t.beats }
        let worst = margins.min { z($0) < z($1) } ?? Margin(depth: 0, value: .nan, se: .nan)
        let band = k * (worst.se.isFinite ? worst.se : .infinity)
        let check = Check.atLeast(id: id, claim: claim, measured: worst.value, expected: k > 0 ? band : 0, tolerance: t.beats)
            .noting(noise(worst, k: k))
        // Reversed beyond noise at some depth: a failure, whatever the other depths say.
        let reversed = margins.contains { $0.value + t.beats < -k * ($0.se.isFinite ? $0.se : .infinity) }
        return decided(check, failsClearly: reversed || (k == 0 && !check.pass), sides: [a, b], depths: depths, t: t)
    }

    /// "A is within `gap` of B at depth d": measured A − B. Passes when A − B + `marginSEs`·SE ≤ gap,
    /// fails when A − B − `marginSEs`·SE > gap (being better passes).
    static func competitive(id: String, claim: String, method a: Side, reference b: Side, depth d: Int, gap: Double,
                            t: DeepTolerances) -> Check {
        let m = Margin(depth: d, value: a.mean[d - 1] - b.mean[d - 1], se: hypot(a.se[d - 1], b.se[d - 1]))
        let k = t.marginSEs, band = k * (m.se.isFinite ? m.se : .infinity)
        let check = Check.atMost(id: id, claim: claim, measured: m.value, tolerance: gap - band).noting(noise(m, k: k))
        return decided(check, failsClearly: m.value - band > gap || (k == 0 && !check.pass), sides: [a, b], depths: [d], t: t)
    }

    /// The verdict after the two gates: budget (too few converged runs), then seed noise (neither a
    /// clear pass nor a clear failure).
    static func decided(_ check: Check, failsClearly: Bool, sides: [Side], depths: [Int], t: DeepTolerances) -> Check {
        let shares = sides.map { (label: $0.label, share: $0.convergedAt(depths)) }
        let short = shares.filter { !($0.share >= t.minimumConverged) }
        if !short.isEmpty {
            let list = short.map { "\($0.label) \(Int(($0.share * 100).rounded())) %" }.joined(separator: ", ")
            return check.inconclusive("budget: converged runs at depth(s) \(depthList(depths)) \(list), below \(Int(t.minimumConverged * 100)) %"
                                      + "; \(check.reason ?? "")")
        }
        if check.pass || failsClearly { return check }
        return check.inconclusive("seed noise: the margin is within \(DeepProse.f(t.marginSEs)) SE of the claim's threshold; \(check.reason ?? "")")
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

    /// "margin 0.012 ± 0.020 (SE over seeds) at depth 3, decided at ± 2 SE".
    static func noise(_ m: Margin, k: Double) -> String {
        "margin \(DeepProse.f(m.value)) ± \(DeepProse.f(m.se)) (SE over seeds) at depth \(m.depth)"
            + (k > 0 ? ", decided beyond ± \(DeepProse.f(k)) SE" : "")
    }

    static func depthList(_ depths: [Int]) -> String {
        depths.count > 2 && depths == Array(depths.first!...depths.last!) ? "\(depths.first!)…\(depths.last!)"
            : depths.map(String.init).joined(separator: ", ")
    }
}
