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
    /// A claim is judged on the seeds whose runs making up the compared models all converged; with
    /// fewer than this many such seeds for a method (at least 2, so a standard error exists) it is
    /// inconclusive (budget). 0 turns the gate off (the fast profile): every seed is used.
    public var minimumConvergedSeeds: Int
    /// How far a held-out NLL may fall below the data's entropy (held-out estimation noise).
    public var entropyNoise: Double
    /// How many standard errors (over seeds) a margin must clear to decide a claim (paper profile: 2).
    /// A margin within ± this many SE of the claim's threshold is inconclusive (seed noise). 0 turns
    /// the rule off (the fast profile, whose two seeds give no useful SE).
    public var marginSEs: Double

    public init(beats: Double, competitive: Double, sanity: Double, minimumConvergedSeeds: Int = 2, entropyNoise: Double = 0.03,
                marginSEs: Double = 2) {
        self.beats = beats; self.competitive = competitive; self.sanity = sanity
        self.minimumConvergedSeeds = minimumConvergedSeeds; self.entropyNoise = entropyNoise; self.marginSEs = marginSEs
    }
}

/// The deep-flow checks, built from per-seed curves (index d−1 = depth d; NaN where not trained).
///
/// Margins are differences of seed means with standard error √(SE_A² + SE_B²) over seeds. A claim is
/// decided only by a margin that clears its threshold by `marginSEs` standard errors — either way:
/// it passes when the margin exceeds the threshold by 2 SE, fails when it falls short by 2 SE, and is
/// inconclusive (seed noise) in between. A claim is judged only on converged runs: on the seeds
/// whose runs making up the compared models all converged; with too few such seeds it is
/// inconclusive (budget).
enum DeepChecks {
    struct Side {
        var label: String
        /// Held-out loss per seed (index d−1 = depth d) and whether each run converged (nil: not trained).
        var lossBySeed: [[Double]]
        var convergedBySeed: [[Bool?]]
        /// A layer-wise or progressive model of depth d is made by the runs of blocks 1…d.
        var isIterative: Bool
        var mean: [Double] { DeepStatistics.mean(lossBySeed) }
        var se: [Double] { DeepStatistics.standardError(lossBySeed) }

        init(_ r: DeepMethodResult) {
            label = r.method.label; lossBySeed = r.heldOutLossBySeed; convergedBySeed = r.convergedBySeed
            isIterative = r.method.mode != nil
        }

        /// The seeds whose runs making up the models at `depths` all converged (a seed without a
        /// convergence record counts as converged).
        func convergedSeeds(at depths: [Int]) -> [Int] {
            let used = isIterative ? Array(1...(depths.max() ?? 1)) : depths
            return lossBySeed.indices.filter { s in
                guard s < convergedBySeed.count else { return true }
                let row = convergedBySeed[s]
                return used.allSatisfy { $0 > row.count || (row[$0 - 1] ?? true) }
            }
        }

        /// The same side restricted to some seeds.
        func seeds(_ kept: [Int]) -> Side {
            var copy = self
            copy.lossBySeed = kept.map { lossBySeed[$0] }
            copy.convergedBySeed = kept.map { $0 < convergedBySeed.count ? convergedBySeed[$0] : [] }
            return copy
        }
    }

    /// The sides a claim is judged on (converged seeds only), or why it cannot be judged.
    static func judged(_ sides: [Side], depths: [Int], t: DeepTolerances) -> (sides: [Side], note: String?, budget: String?) {
        guard t.minimumConvergedSeeds > 0 else { return (sides, nil, nil) }
        let kept = sides.map { $0.convergedSeeds(at: depths) }
        let need = max(2, t.minimumConvergedSeeds)
        let short = zip(sides, kept).filter { $0.1.count < need }
        if !short.isEmpty {
            let list = short.map { "\($0.0.label) \($0.1.count) of \($0.0.lossBySeed.count) seeds" }.joined(separator: ", ")
            return (sides, nil, "budget: converged at depth(s) \(depthList(depths)): \(list) (need \(need))")
        }
        let dropped = zip(sides, kept).filter { $0.1.count < $0.0.lossBySeed.count }
        let note = dropped.isEmpty ? nil : "judged on converged seeds only: "
            + dropped.map { "\($0.0.label) seeds \($0.1.map(String.init).joined(separator: ", ")) of \($0.0.lossBySeed.count)" }.joined(separator: "; ")
        return (zip(sides, kept).map { $0.0.seeds($0.1) }, note, nil)
    }

    /// One depth's margin (positive: the claim holds there) and its standard error over seeds.
    struct Margin { var depth: Int, value: Double, se: Double }

    /// "A beats B at depths `depths`": margin B − A at each depth. Passes when every depth's margin
    /// exceeds −`beats` by `marginSEs` SE, fails when some depth falls below it by `marginSEs` SE;
    /// measured = the margin at the depth least in the claim's favour (in SE units).
    static func beats(id: String, claim: String, winner a0: Side, loser b0: Side, depths: [Int], t: DeepTolerances) -> Check {
        let sel = judged([a0, b0], depths: depths, t: t), a = sel.sides[0], b = sel.sides[1]
        let margins = depths.map { d in Margin(depth: d, value: b.mean[d - 1] - a.mean[d - 1], se: hypot(a.se[d - 1], b.se[d - 1])) }
        let k = t.marginSEs
        let z = { (m: Margin) in k > 0 && m.se > 0 ? (m.value + t.beats) / m.se : m.value + t.beats }
        let worst = margins.min { z($0) < z($1) } ?? Margin(depth: 0, value: .nan, se: .nan)
        let band = k * (worst.se.isFinite ? worst.se : .infinity)
        let check = Check.atLeast(id: id, claim: claim, measured: worst.value, expected: k > 0 ? band : 0, tolerance: t.beats)
            .noting(noise(worst, k: k))
        // Reversed beyond noise at some depth: a failure, whatever the other depths say.
        let reversed = margins.contains { $0.value + t.beats < -k * ($0.se.isFinite ? $0.se : .infinity) }
        // The depth least in the claim's favour (in SE units) is the one that would decide it either way.
        let seeds = seedsToDecide(distance: worst.value + t.beats, se: worst.se, seeds: a.lossBySeed.count, b.lossBySeed.count, k: k)
        return decided(check, failsClearly: reversed || (k == 0 && !check.pass), selection: sel, seedsToDecide: seeds, t: t)
    }

    /// "A is within `gap` of B at depth d": measured A − B. Passes when A − B + `marginSEs`·SE ≤ gap,
    /// fails when A − B − `marginSEs`·SE > gap (being better passes).
    static func competitive(id: String, claim: String, method a0: Side, reference b0: Side, depth d: Int, gap: Double,
                            t: DeepTolerances) -> Check {
        let sel = judged([a0, b0], depths: [d], t: t), a = sel.sides[0], b = sel.sides[1]
        let m = Margin(depth: d, value: a.mean[d - 1] - b.mean[d - 1], se: hypot(a.se[d - 1], b.se[d - 1]))
        let k = t.marginSEs, band = k * (m.se.isFinite ? m.se : .infinity)
        let check = Check.atMost(id: id, claim: claim, measured: m.value, tolerance: gap - band).noting(noise(m, k: k))
        let seeds = seedsToDecide(distance: gap - m.value, se: m.se, seeds: a.lossBySeed.count, b.lossBySeed.count, k: k)
        return decided(check, failsClearly: m.value - band > gap || (k == 0 && !check.pass), selection: sel, seedsToDecide: seeds, t: t)
    }

    /// The verdict after the two gates: budget (too few converged seeds), then seed noise (neither a
    /// clear pass nor a clear failure).
    static func decided(_ check: Check, failsClearly: Bool, selection: (sides: [Side], note: String?, budget: String?),
                        seedsToDecide: SeedsToDecide? = nil, t: DeepTolerances) -> Check {
        let detail = [check.reason, selection.note].compactMap { $0 }.joined(separator: "; ")
        if let budget = selection.budget { return check.inconclusive("\(budget); \(detail)") }
        if check.pass || failsClearly { return selection.note == nil ? check : check.noting(detail) }
        let outlook = seedsToDecide.map { "; \($0.description)" } ?? ""
        return check.inconclusive("seed noise: the margin is within \(DeepProse.f(t.marginSEs)) SE of the claim's threshold; \(detail)\(outlook)")
    }

    /// How many seeds per method an undecided margin would need, if its mean and per-seed spread stayed
    /// as measured: the SE of a difference of seed means falls as 1/√n, so `k`·SE reaches the margin's
    /// distance to its threshold at n·(k·SE / distance)² seeds. An outlook, not a promise: with few seeds
    /// the spread itself is uncertain, and a margin that truly sits on its threshold is decided by none.
    struct SeedsToDecide: Equatable {
        /// Seeds per method now (the larger count of the two sides).
        var now: Int
        /// Seeds per method that would decide it; nil when more than `SeedsToDecide.feasible`.
        var needed: Int?
        /// Beyond this many seeds per method the report calls a margin undecidable in practice.
        static let feasible = 1000

        var description: String {
            guard let needed else {
                return "no feasible number of seeds decides it: the margin sits on the threshold (over \(Self.feasible) seeds per method at this spread)"
            }
            return "about \(needed) seeds per method (now \(now)) would decide it, if the margin and its spread stayed as measured"
        }
    }

    /// See `SeedsToDecide`; nil when the rule is off or the spread is unknown.
    static func seedsToDecide(distance: Double, se: Double, seeds a: Int, _ b: Int, k: Double) -> SeedsToDecide? {
        let now = max(a, b)
        guard k > 0, se > 0, se.isFinite, distance.isFinite, now > 0 else { return nil }
        let ratio = k * se / abs(distance)
        let n = Double(now) * ratio * ratio
        // A relative 1e-9 keeps an exact hand-worked count (8.000000000000002) from rounding up to the next seed.
        return SeedsToDecide(now: now, needed: n.isFinite && n <= Double(SeedsToDecide.feasible) ? Int((n * (1 - 1e-9)).rounded(.up)) : nil)
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
