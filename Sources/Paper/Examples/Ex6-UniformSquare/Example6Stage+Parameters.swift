import Report

extension Example6Stage {
    /// `couplinglab report --set ex6.KEY=VALUE`: seeds per method, the depth L (Fig. 5 keeps its panels
    /// below L and adds L) and each training run's Adam steps (ex6 trains no progressive flows).
    public var parameters: [StageParameter<Config>] {
        [DeepRunParameters.depth(\.run, in: 2...32, alsoTrim: [\.figureDepths])]
            + DeepRunParameters.sizes(\.run, seeds: 1...100, stepKeys: ["stepsPerLayer", "endToEndSteps"])
    }
}
