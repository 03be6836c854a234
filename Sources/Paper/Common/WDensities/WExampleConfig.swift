import FlowCore

/// The accepted bands of the Example 1–3 checks (the paper tolerances by default).
public struct WTolerances: Codable, Sendable, Equatable {
    /// Lemma 1: RMSE of m̂ and of σ̂ against m, σ on the read-out grid.
    public var readOutRMSE: Double
    /// Theorem 1: trained held-out loss − minimum must lie in [−k·SE, above].
    public var lossGapAbove: Double
    public var lossGapStandardErrors: Double
    /// Fig. 2e: |binned mean of a'| and |binned std of a' − 1| in every p-bin.
    public var binnedMean: Double
    public var binnedStd: Double
    /// Example 2: Kolmogorov–Smirnov distance of a' to U(−√3, √3).
    public var ksDistance: Double
    /// Corollary 1 / Example 3: max over p of |conditional KL after training − bound|.
    public var conditionalKLGap: Double

    public init(readOutRMSE: Double = 0.06, lossGapAbove: Double = 0.03, lossGapStandardErrors: Double = 3,
                binnedMean: Double = 0.1, binnedStd: Double = 0.1, ksDistance: Double = 0.03, conditionalKLGap: Double = 0.05) {
        self.readOutRMSE = readOutRMSE
        self.lossGapAbove = lossGapAbove
        self.lossGapStandardErrors = lossGapStandardErrors
        self.binnedMean = binnedMean
        self.binnedStd = binnedStd
        self.ksDistance = ksDistance
        self.conditionalKLGap = conditionalKLGap
    }

    /// The tolerances for the paper profile.
    public static let paper = WTolerances()
    /// Smoke-test bands for the fast profile (`SingleCouplingSettings.fast`: 1024 steps of 1024 samples), which
    /// stops short of the optimum. Set (unchanged) for an earlier fast protocol at about 1.2–2× what its trials
    /// reached; the current fast runs measure RMSE ≤ 0.078, loss gap 0.048, |binned mean| 0.20, |binned std − 1|
    /// 0.32, KS 0.033 and conditional-KL gaps 0.17 (seeds of the stages). Each band still rejects the untrained
    /// (identity) layer — loss gap Δ ≈ 0.63, |binned mean| up to 0.5, |binned std − 1| ≥ 0.5, conditional-KL gaps
    /// up to ≈ 1 nat. The −3·SE side of the loss check is not loosened.
    public static let fast = WTolerances(readOutRMSE: 0.12, lossGapAbove: 0.1, binnedMean: 0.3, binnedStd: 0.4,
                                         ksDistance: 0.06, conditionalKLGap: 0.3)
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

    public init(setup: SingleCouplingSettings = .paper, readOutPoints: Int = 401, bins: Int = 16, binHalfWidth: Double = 1.8,
                figureSamples: Int = 1 << 18, tolerances: WTolerances = .paper) {
        self.setup = setup
        self.readOutPoints = readOutPoints
        self.bins = bins
        self.binHalfWidth = binHalfWidth
        self.figureSamples = figureSamples
        self.tolerances = tolerances
    }

    public static let paper = WExampleConfig()
    public static let fast = WExampleConfig(setup: .fast, figureSamples: 1 << 16, tolerances: .fast)
}
