/// Moves every stage of a run, and every job drawn from a stage's seed, to seeds no other offset uses.
///
/// Offset 0 runs each stage at its own `Stage.seed`. Offset k ≥ 1 runs it at `seed + k·2³²`: stage seeds
/// are small, so these are seeds no run at another offset has drawn from, which is what a confirming run
/// needs (margins fixed on one set of seeds, verdicts taken on another). The offset is part of every
/// cache key through the seed, so runs at different offsets never share a cached stage or job.
public enum SeedOffset {
    /// The seed `stage` runs at under `offset`.
    public static func seed(of stage: any Stage, offset: UInt64) -> UInt64 {
        stage.seed &+ (offset << 32)
    }
}
