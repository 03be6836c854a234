import Report

extension Example4Stage {
    /// `couplinglab report --set ex4.KEY=VALUE`: the sample sizes N of Algorithm 1 and the seeds per N
    /// (at least 2: the checks take an interval over seeds).
    public var parameters: [StageParameter<Config>] {
        [.integers("sampleSizes", \.sampleSizes, each: 16...65_536, count: 1...8),
         .integer("seeds", \.seedsPerSize, in: 2...500)]
    }
}
