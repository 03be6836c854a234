import CouplingTheory
import FlowCore
import Foundation
import PlotCairo
import Plotting
import Report

/// Figure 1: the rotation decides how far one affine coupling can push the Example 4 mixture
/// towards the normal — the Theorem 1 bound over θ, the losses single trained couplings reach,
/// and their push-forwards.
public struct Figure1Stage: Stage {
    public struct Config: Codable, Sendable, Equatable {
        /// Example 4's mixture: means ±δ on the first axis, σ = √(1 − δ²).
        public var delta = 0.95
        /// Angles at which a single coupling is trained (≥ 12, degrees).
        public var trainAnglesDeg: [Double] = stride(from: 0.0, to: 180.0, by: 15.0).map { $0 }
        /// The four rotations shown in the top and bottom rows (each must be a training angle).
        public var panelAnglesDeg: [Double] = [0, 45, 75, 90]
        /// Spacing of the bound curve (degrees).
        public var curveStepDeg = 1.0
        /// One coupling per angle: the shared single-layer protocol (the paper's Example 1 settings).
        public var coupling = SingleCouplingSettings.paper
        /// Density grids: nodes per axis over [−extent, extent]².
        public var gridPoints = 121
        public var gridExtent = 3.0
    }

    public let id = "fig1"
    public let title = "Figure 1: the rotation decides"
    public let figureNames = PaperFigure.names(.fig1)
    public let seed: UInt64 = 1
    public let sourceFile: String = #filePath
    /// This folder (code and prose), Common and the libraries: follows from the layout.
    public let sourceDependencies = ExampleFolder(uses: [.singleCoupling]).sourceDependencies

    public init() {}

    public func config(for profile: Profile) -> Config {
        var c = Config()
        if profile == .fast {
            c.coupling = .fast
            c.gridPoints = 61
        }
        return c
    }

    public func run(config: Config, context: StageContext) throws -> StageOutput {
        let mixture = try GaussianMixture2D.example4(delta: config.delta)
        let curve = boundCurve(mixture, config: config)
        var rng = SeededGenerator(seed: context.seed)
        var trained: [Double: TrainedSingleCoupling] = [:]
        // Every angle is the same training: one kind of unit for the status line's estimate.
        let kind = JobKind(method: "single coupling", depth: 1, steps: config.coupling.training.steps)
        let units = WorkUnits(context, unit: "angles", expecting: config.trainAnglesDeg.map { _ in .init(kind: kind) })
        for (k, theta) in config.trainAnglesDeg.enumerated() {
            context.progress(fraction: Double(k) / Double(config.trainAnglesDeg.count), message: "training at θ = \(Int(theta))°")
            var angleRNG = rng.split()
            trained[theta] = try units.measure(kind) {
                try SingleCouplingTraining.train(density: mixture, settings: config.coupling, rotationDegrees: theta, using: &angleRNG)
            }
        }
        let points = try config.trainAnglesDeg.map { theta in
            Figure1Point(theta: theta, loss: trained[theta]!.heldOut.estimate,
                         bound: TheoremOne.boundMLLoss(of: mixture.rotated(byDegrees: theta)),
                         pairedGap: try PairedGap.estimate(flow: trained[theta]!.flow, density: mixture.rotated(byDegrees: theta),
                                                           rotationDegrees: theta, heldOut: trained[theta]!.heldOutSamples))
        }
        let panels = try config.panelAnglesDeg.map { theta -> Figure1Panel in
            guard let model = trained[theta] else {
                throw Figure1Error.panelAngleNotTrained(theta)
            }
            return try Figure1Panel.make(mixture: mixture, theta: theta, flow: model.flow, config: config)
        }
        let figure = Figure1Plot.make(curve: curve, points: points, panels: panels)
        try figure.savePNGAndSVG(base: context.figureBase(.fig1))
        let checks = checks(points, config: config)
        return StageOutput(metrics: metrics(curve: curve, points: points), checks: checks,
                           markdown: try Figure1Prose.render(config: config, curve: curve, points: points, checks: checks))
    }

    /// Theorem 1's lower bound on the ML loss over θ: ML(identity) − Δ(θ) (Eq. 19–20).
    func boundCurve(_ mixture: GaussianMixture2D, config: Config) -> Figure1Curve {
        // @literate begin bound
        let theta = stride(from: 0.0, to: 180.0, by: config.curveStepDeg).map { $0 }
        let delta = TheoremOne.deltaCurve(anglesDeg: theta) { mixture.rotated(byDegrees: $0) }
        let before = TheoremOne.mlLossBefore(of: mixture)   // ½ E‖x‖², the same for every θ
        let bound = delta.map { before - $0 }
        // @literate end
        return Figure1Curve(theta: theta, delta: delta, mlBefore: before, bound: bound)
    }

    /// "A trained coupling attains the bound at every rotation": the mean gap over the training angles, each
    /// angle one seeded training (the replicates), against the claim table's margin.
    func checks(_ points: [Figure1Point], config: Config) -> [Check] {
        let listing = points.map { "\(Int($0.theta))°: \(ProseNumber.fmt($0.pairedGap.value, 4))" }.joined(separator: ", ")
        return [ClaimCatalog.empirical("fig1.training_gap",
                                       claim: "Fig. 1: trained couplings attain the Theorem 1 bound at every rotation — held-out ML loss − bound, mean over \(points.count) angles (nats)",
                                       replicates: points.map(\.pairedGap.value))
                    .noting("loss − bound by angle (nats): " + listing)]
    }

    func metrics(curve: Figure1Curve, points: [Figure1Point]) -> [String: MetricValue] {
        [
            "theta_deg": .numbers(curve.theta),
            "bound_curve": .numbers(curve.bound),
            "delta_curve": .numbers(curve.delta),
            "ml_loss_before": .number(curve.mlBefore),
            "angles_deg": .numbers(points.map(\.theta)),
            "bound_at_angles": .numbers(points.map(\.bound)),
            "trained_losses": .numbers(points.map(\.loss.value)),
            "trained_loss_se": .numbers(points.map(\.loss.standardError)),
            "gaps": .numbers(points.map(\.gap)),
            "paired_gaps": .numbers(points.map(\.pairedGap.value)),
            "max_gap": .number(points.map(\.gap).max() ?? .nan),
        ]
    }
}

/// The bound curve over θ.
struct Figure1Curve {
    var theta: [Double]
    var delta: [Double]
    var mlBefore: Double
    var bound: [Double]
}

/// One trained angle: held-out loss (± SE) and the bound there.
struct Figure1Point {
    var theta: Double
    var loss: MonteCarloEstimate
    var bound: Double
    /// The gap paired with Lemma 1's layer on the same held-out samples (the claim's replicate).
    var pairedGap: MonteCarloEstimate
    var gap: Double { loss.value - bound }
}

enum Figure1Error: Error, CustomStringConvertible {
    case panelAngleNotTrained(Double)
    var description: String {
        switch self {
        case .panelAngleNotTrained(let t): return "fig1: panel angle \(t)° is not among the training angles"
        }
    }
}
