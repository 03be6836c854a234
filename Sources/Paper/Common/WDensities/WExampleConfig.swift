import FlowCore

/// What the Example 1–3 figures and self-checks need besides the claim table (where the claims'
/// margins live, the same in every profile).
public struct WTolerances: Codable, Sendable, Equatable {
    /// Fig. 2e draws each bin's band of ±k standard errors around the targets 0 and 1.
    public var binnedStandardErrors: Double
    /// Example 2's self-check: significance level of the KS test of Lemma 1's exact layer.
    public var ksAlpha: Double

    public init(binnedStandardErrors: Double = 3, ksAlpha: Double = 0.05) {
        self.binnedStandardErrors = binnedStandardErrors
        self.ksAlpha = ksAlpha
    }

    public static let standard = WTolerances()
}

/// Configuration of the Example 1 and 2 stages (and of the trainings Example 3 repeats).
public struct WExampleConfig: Codable, Sendable, Equatable {
    /// Training protocol of the single coupling.
    public var setup: SingleCouplingSettings
    /// Points of p in [−2, 2] for the Lemma 1 read-out (the issue: 401).
    public var readOutPoints: Int
    /// p-bins on [−binHalfWidth, binHalfWidth] for Fig. 2e (the issue: 16 on [−1.8, 1.8]).
    public var bins: Int
    public var binHalfWidth: Double
    /// Samples pushed forward for the push-forward image (statistics use the held-out set).
    public var figureSamples: Int
    public var tolerances: WTolerances
    /// Training seeds, the replicates of the empirical claims (the stage's own seed and seeds − 1 more).
    public var seeds: Int
    /// Batch size of the mini-batch reading of "4096 epochs with 4096 samples each", run for every seed (nil: not run).
    public var miniBatchSize: Int?

    public init(setup: SingleCouplingSettings = .paper, readOutPoints: Int = 401, bins: Int = 16, binHalfWidth: Double = 1.8,
                figureSamples: Int = 1 << 18, tolerances: WTolerances = .standard, seeds: Int = 5, miniBatchSize: Int? = 256) {
        self.seeds = seeds
        self.miniBatchSize = miniBatchSize
        self.setup = setup
        self.readOutPoints = readOutPoints
        self.bins = bins
        self.binHalfWidth = binHalfWidth
        self.figureSamples = figureSamples
        self.tolerances = tolerances
    }

    public static let paper = WExampleConfig()
    public static let fast = WExampleConfig(setup: .fast, figureSamples: 1 << 16)
}
