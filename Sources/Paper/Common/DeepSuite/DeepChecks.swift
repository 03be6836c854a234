import Foundation
import Report

/// Tolerances of the deep-flow self-checks (nats) and the convergence gate of the claims. The claims'
/// margins are in the claim table (`ClaimCatalog`), the same in every profile.
public struct DeepTolerances: Codable, Sendable, Equatable {
    /// Optimisation noise allowed when a layer-wise layer is added: loss(l+1) − loss(l) ≤ this.
    public var sanity: Double
    /// A claim is judged on the seeds whose runs making up the compared models all converged; with
    /// fewer than this many such seeds for a method (at least 2, so an interval exists) it is
    /// inconclusive (budget). 0 turns the gate off: every seed is used.
    public var minimumConvergedSeeds: Int
    /// How far a held-out NLL may fall below the data's entropy (held-out estimation noise).
    public var entropyNoise: Double

    public init(sanity: Double, minimumConvergedSeeds: Int = 2, entropyNoise: Double = 0.03) {
        self.sanity = sanity; self.minimumConvergedSeeds = minimumConvergedSeeds; self.entropyNoise = entropyNoise
    }
}

/// The deep-flow checks, built from per-seed curves (index d−1 = depth d; NaN where not trained).
///
/// A comparison at one depth is the (1 − 2α) Welch interval of the difference of two methods' seed means,
/// decided against the claim table's margin by the one rule (`EmpiricalEvidence`). A claim over several
/// depths ("at every depth", "at depths 1–3") is the conjunction of its depths: it fails if one depth
/// fails, passes if all pass; the depth that decides it is the one reported. A claim is judged only on
/// converged runs: on the seeds whose runs making up the compared models all converged; with too few
/// such seeds it is inconclusive (budget).
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

        /// Every seed's loss at depth d.
        func values(at d: Int) -> [Double] { lossBySeed.map { d - 1 < $0.count ? $0[d - 1] : .nan } }
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

    /// The interval of mean(a) − mean(b) over seeds at each of `depths`, against the claim table's region
    /// for `id`: "B − A ≥ the smallest effect of interest" (A beats B: pass the loser as `a`), "A − B ≤ the
    /// zone" (competitive) or "|A − B| within the zone" (on par). The conjunction over the depths decides.
    static func compare(id: String, claim: String, _ a0: Side, minus b0: Side, depths: [Int], t: DeepTolerances) -> Check {
        let sel = judged([a0, b0], depths: depths, t: t), a = sel.sides[0], b = sel.sides[1]
        let perDepth = depths.map { d in
            (depth: d, check: ClaimCatalog.empirical(id, claim: claim, interval: .difference(a.values(at: d), minus: b.values(at: d),
                                                                                              alpha: ClaimCatalog.alpha)))
        }
        // The depth that decides the conjunction: a failing one, else an undecided one, else the tightest pass.
        let order: [CheckStatus] = [.fail, .inconclusive, .pass]
        let binding = perDepth.min { x, y in
            let rx = order.firstIndex(of: x.check.status)!, ry = order.firstIndex(of: y.check.status)!
            if rx != ry { return rx < ry }
            return slack(x.check) < slack(y.check)
        }!
        var check = binding.check.noting("decided at depth \(binding.depth)" + (depths.count > 1 ? " of \(DeepChecks.depthList(depths))" : ""))
        if binding.check.status == .inconclusive, let i = binding.check.evidence?.interval {
            check = check.noting(seedsToDecide(binding.check, interval: i).description)
        }
        if let budget = sel.budget { return check.inconclusive(budget + "; " + (check.reason ?? "")) }
        if let note = sel.note { check = check.noting(note) }
        return check
    }

    /// The interval of the difference of two methods' losses averaged over `depths` (each seed's average
    /// is one replicate): the advantage over the whole construction, for "OAS beats random rotations".
    static func compareAveraged(id: String, claim: String, _ a0: Side, minus b0: Side, depths: [Int], t: DeepTolerances) -> Check {
        let sel = judged([a0, b0], depths: depths, t: t), a = sel.sides[0], b = sel.sides[1]
        let average = { (side: Side) in side.lossBySeed.indices.map { s in depths.reduce(0.0) { $0 + side.lossBySeed[s][$1 - 1] } / Double(depths.count) } }
        var check = ClaimCatalog.empirical(id, claim: claim, interval: .difference(average(a), minus: average(b), alpha: ClaimCatalog.alpha))
        if check.status == .inconclusive, let i = check.evidence?.interval { check = check.noting(seedsToDecide(check, interval: i).description) }
        if let budget = sel.budget { return check.inconclusive(budget + "; " + (check.reason ?? "")) }
        if let note = sel.note { check = check.noting(note) }
        return check
    }

    /// How far inside its margin region a check's interval lies (negative: it reaches outside).
    static func slack(_ c: Check) -> Double {
        guard let e = c.evidence else { return .nan }
        let i = e.interval
        return min(e.margin.low.map { i.low - $0 } ?? .infinity, e.margin.high.map { $0 - i.high } ?? .infinity)
    }

    /// How many seeds per method an undecided interval would need if its estimate and spread stayed as
    /// measured: the half-width falls as 1/√n, so it clears the nearest margin boundary at about
    /// n·(t·SE / distance)² seeds. An outlook, not a promise: with few seeds the spread itself is uncertain,
    /// and an estimate that truly sits on a boundary is decided by none.
    struct SeedsToDecide: Equatable {
        /// Seeds per method now.
        var now: Int
        /// Seeds per method that would decide it; nil when more than `SeedsToDecide.feasible`.
        var needed: Int?
        /// Beyond this many seeds per method the report calls a check undecidable in practice.
        static let feasible = 1000

        var description: String {
            guard let needed else {
                return "no feasible number of seeds decides it: the estimate sits on the margin (over \(Self.feasible) seeds per method at this spread)"
            }
            return "about \(needed) seeds per method (now \(now)) would decide it, if the estimate and its spread stayed as measured"
        }
    }

    static func seedsToDecide(_ check: Check, interval i: ReplicateInterval) -> SeedsToDecide {
        let m = check.evidence?.margin
        let boundaries = [m?.low, m?.high].compactMap { $0 }
        let distance = boundaries.map { abs(i.estimate - $0) }.min() ?? .nan
        let k = StudentT.quantile(1 - i.alpha, degreesOfFreedom: max(i.degreesOfFreedom, 1))
        let n = Double(i.n) * pow(k * i.standardError / distance, 2)
        // A relative 1e-9 keeps an exact hand-worked count (8.000000000000002) from rounding up to the next seed.
        return SeedsToDecide(now: i.n, needed: n.isFinite && n <= Double(SeedsToDecide.feasible) ? Int((n * (1 - 1e-9)).rounded(.up)) : nil)
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

    static func depthList(_ depths: [Int]) -> String {
        depths.count > 2 && depths == Array(depths.first!...depths.last!) ? "\(depths.first!)…\(depths.last!)"
            : depths.map(String.init).joined(separator: ", ")
    }
}
