import FlowCore
import Report

extension Example7Stage {
    /// `couplinglab report --set ex7.KEY=VALUE`: seeds per method, the toys, the depth L (at least 4: the
    /// shallow claim compares depths 1–3) and each training run's Adam steps.
    public var parameters: [StageParameter<Config>] {
        [.choices("toys", \.toys, count: 1...ToyKind.allCases.count), DeepRunParameters.depth(\.run, in: 4...32)]
            + DeepRunParameters.sizes(\.run, seeds: 1...100, stepKeys: ["stepsPerLayer", "progressiveSteps", "endToEndSteps"])
    }
}
