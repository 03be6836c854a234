import Report

extension Example8Stage {
    /// `couplinglab report --set ex8.KEY=VALUE`: the single layer's sample sizes N and the deep closed-form
    /// flows' seeds. (The trained curves it reads follow ex6's and ex7's own configs, not their `--set`.)
    public var parameters: [StageParameter<Config>] {
        [.integers("sampleSizes", \.single.sampleSizes, each: 64...262_144, count: 1...8),
         .integer("seeds", \.deep.seeds, in: 1...20)]
    }
}
