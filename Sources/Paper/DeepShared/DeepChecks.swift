import Report

/// Tolerances of the deep-flow checks (nats); the paper profile uses the values.
public struct DeepTolerances: Codable, Sendable, Equatable {
    /// Allowed shortfall of a "beats" margin below 0 (paper: 0 — a strict comparison of seed means).
    public var beats: Double
    /// Allowed gap of PROG above E2E at the final depth (issue 7: 0.05 nats).
    public var competitive: Double
    /// Optimisation noise allowed when a layer-wise layer is added: loss(l+1) − loss(l) ≤ this.
    public var sanity: Double

    public init(beats: Double, competitive: Double, sanity: Double) {
        self.beats = beats; self.competitive = competitive; self.sanity = sanity
    }
}

/// The checks of issue 7 built from mean-over-seeds curves (index d−1 = depth d).
enum DeepChecks {
    /// "A beats B at every depth": measured = min over depths of (B − A), the worst depth's margin.
    static func beatsAtEveryDepth(id: String, claim: String, winner: [Double], loser: [Double], tolerance: Double) -> Check {
        let margin = zip(winner, loser).map { $1 - $0 }.min() ?? .nan
        return Check.atLeast(id: id, claim: claim, measured: margin, expected: 0, tolerance: tolerance)
    }

    /// "A beats B for depths ≤ k": the worst margin over the first k depths.
    static func beatsUpTo(_ k: Int, id: String, claim: String, winner: [Double], loser: [Double], tolerance: Double) -> Check {
        beatsAtEveryDepth(id: id, claim: claim, winner: Array(winner.prefix(k)), loser: Array(loser.prefix(k)),
                          tolerance: tolerance)
    }

    /// "A beats B at the final depth": margin B − A there.
    static func beatsAtFinal(id: String, claim: String, winner: [Double], loser: [Double], tolerance: Double) -> Check {
        let margin = (loser.last ?? .nan) - (winner.last ?? .nan)
        return Check.atLeast(id: id, claim: claim, measured: margin, expected: 0, tolerance: tolerance)
    }

    /// "A is within `gap` of B at the final depth": measured A − B ≤ gap (being better passes).
    static func competitiveAtFinal(id: String, claim: String, method: [Double], reference: [Double], gap: Double) -> Check {
        Check.atMost(id: id, claim: claim, measured: (method.last ?? .nan) - (reference.last ?? .nan), tolerance: gap)
    }

    /// Sanity of layer-wise growth: the largest increase of the held-out loss from depth l to l+1,
    /// over all seeds (not averaged: every single run must behave).
    static func noWorseWhenGrowing(id: String, claim: String, lossBySeed: [[Double]], tolerance: Double) -> Check {
        let worst = lossBySeed.flatMap { run in zip(run.dropFirst(), run).map { $0 - $1 } }.max() ?? 0
        return Check.atMost(id: id, claim: claim, measured: worst, tolerance: tolerance)
    }
}
