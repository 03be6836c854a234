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
        /// The check: trained loss − bound within [−seMultiple·SE, gapUpper] nats.
        public var seMultiple = 3.0
        public var gapUpper = 0.03
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
            // 1024 short steps do not reach the optimum as closely as 4096 long ones.
            c.gapUpper = 0.06
        }
        return c
    }

    public func run(config: Config, context: StageContext) throws -> StageOutput {
        let mixture = try GaussianMixture2D.example4(delta: config.delta)
        let curve = boundCurve(mixture, config: config)
        var rng = SeededGenerator(seed: context.seed)
        var trained: [Double: TrainedSingleCoupling] = [:]
        for (k, theta) in config.trainAnglesDeg.enumerated() {
            context.progress(fraction: Double(k) / Double(config.trainAnglesDeg.count), message: "training at θ = \(Int(theta))°")
            var angleRNG = rng.split()
            trained[theta] = try SingleCouplingTraining.train(density: mixture, settings: config.coupling,
                                                              rotationDegrees: theta, using: &angleRNG)
        }
        let points = config.trainAnglesDeg.map { theta in
            Figure1Point(theta: theta, loss: trained[theta]!.heldOut.estimate,
                         bound: TheoremOne.boundMLLoss(of: mixture.rotated(byDegrees: theta)))
        }
        let panels = try config.panelAnglesDeg.map { theta -> Figure1Panel in
            guard let model = trained[theta] else {
                throw Figure1Error.panelAngleNotTrained(theta)
            }
            return try Figure1Panel.make(mixture: mixture, theta: theta, flow: model.flow, config: config)
        }
        let figure = Figure1Plot.make(curve: curve, points: points, panels: panels)
        try figure.savePNGAndSVG(base: context.figureBase(.fig1))
        return StageOutput(metrics: metrics(curve: curve, points: points), checks: checks(points, config: config),
                           markdown: try ExampleFolder().prose(Figure1Prose.values(config: config, curve: curve, points: points)))
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

    /// One claim — "a trained coupling attains the bound" — tested at every angle: one claim row whose
    /// note lists the angles' gaps, and the per-angle bands as self-checks (the detail behind it).
    func checks(_ points: [Figure1Point], config: Config) -> [Check] {
        let perAngle = points.map { pt in
            Check.interval(id: "fig1.gap_theta\(Int(pt.theta))",
                           claim: "θ = \(Int(pt.theta))°: held-out loss of the trained coupling − Theorem 1 bound within [−\(Int(config.seMultiple))·SE, \(config.gapUpper)] nats",
                           measured: pt.gap, expected: 0, below: config.seMultiple * pt.loss.standardError, above: config.gapUpper).selfCheck
        }
        let attained = perAngle.filter { $0.status == .pass }.count
        let listing = zip(points, perAngle).map { pt, c in
            "\(Int(pt.theta))°: \(ProseNumber.fmt(pt.gap, 4))\(c.status == .pass ? "" : " (out)")"
        }.joined(separator: ", ")
        let claim = Check.atLeast(id: "fig1.gap_all_angles",
                                  claim: "a trained coupling attains the Theorem 1 bound at every angle: number of the \(points.count) angles whose loss − bound lies within [−\(Int(config.seMultiple))·SE, \(config.gapUpper)] nats",
                                  measured: Double(attained), expected: Double(points.count))
            .noting("loss − bound by angle (nats): " + listing)
        return [claim] + perAngle
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
