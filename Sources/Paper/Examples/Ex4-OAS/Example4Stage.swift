import CouplingTheory
import FlowCore
import Foundation
import PlotCairo
import Plotting
import Report

/// Example 4 / Figure 4: the Theorem 1 bound Δ(θ) of the two-component mixture, exact and by binning,
/// and the rotations Algorithm 1 (OAS) picks from samples.
public struct Example4Stage: Stage {
    /// Parameters of the stage; `paper` follows Example 4 (δ = 0.95, B = 32, N up to 2^13).
    public struct Config: Codable, Sendable, Equatable {
        /// Half the distance between the mixture means; σ = √(1 − δ²).
        public var delta = 0.95
        /// Spacing of the exact curve θ ∈ [0°, 180°) (degrees).
        public var exactStepDeg = 1.0
        /// Spacing of the OAS candidate angles (degrees).
        public var candidateStepDeg = 1.0
        /// N = 256 is the paper's "about 256 samples suffice", the primary regret check's sample size.
        public var sampleSizes = [64, 128, 256, 1024, 8192]
        /// 50 seeds: the bias and angle-error checks at N = 256 and 8192 take their bands from the SE over seeds.
        public var seedsPerSize = 50
        public var bins = 32
        /// The independent quadrature: Gauss–Legendre order and panel count.
        public var legendreOrder = 20
        public var legendrePanels = 64
        /// The self-check of the two quadratures.
        public var quadratureAgreement = 1e-6
        /// The share of seeds within this many degrees of θ* is shown (a diagnostic, not a verdict).
        public var oasAngleToleranceDeg = 10.0
    }

    public let id = "ex4"
    public let title = "Example 4: the optimal rotation (Fig. 4)"
    public let figureNames = PaperFigure.names(.fig4)
    public let seed: UInt64 = 4
    public let sourceFile: String = #filePath
    /// This folder (code and prose), Common and the libraries: follows from the layout.
    public let sourceDependencies = ExampleFolder().sourceDependencies

    public init() {}

    public func config(for profile: Profile) -> Config {
        var c = Config()
        if profile == .fast {
            c.candidateStepDeg = 2
            c.seedsPerSize = 20
        }
        return c
    }

    public func run(config: Config, context: StageContext) throws -> StageOutput {
        let exact = try exactCurve(config)
        let sweeps = try binnedSweeps(config, context: context)
        let figure = Figure4Plot.make(theta: exact.theta, exact: exact.delta, sweeps: sweeps)
        try figure.savePNGAndSVG(base: context.figureBase(.fig4))
        let checks = makeChecks(config, exact: exact, sweeps: sweeps)
        return StageOutput(metrics: metrics(config, exact: exact, sweeps: sweeps, checks: checks),
                           checks: checks.all,
                           markdown: try Example4Prose.render(config: config, exact: exact, sweeps: sweeps, optimum: checks.optimum,
                                                              regrets: checks.regrets, checks: checks.all))
    }

    /// The exact Δ(θ) twice: CouplingTheory's adaptive Gauss–Kronrod on the library's mixture,
    /// and the closed-form conditional moments with fixed Gauss–Legendre written in this package.
    func exactCurve(_ config: Config) throws -> ExactDeltaCurve {
        // @literate begin exact
        let mixture = try GaussianMixture2D.example4(delta: config.delta)
        let theta = stride(from: 0.0, to: 180.0, by: config.exactStepDeg).map { $0 }
        let library = TheoremOne.deltaCurve(anglesDeg: theta) { mixture.rotated(byDegrees: $0) }
        let rule = GaussLegendreRule(order: config.legendreOrder)
        let independent = theta.map {
            Example4ClosedForm(delta: config.delta, thetaDegrees: $0).delta(rule: rule, panels: config.legendrePanels)
        }
        // @literate end
        return ExactDeltaCurve(theta: theta, delta: library, independent: independent)
    }

    /// Algorithm 1 with the binning estimator for every N and seed.
    func binnedSweeps(_ config: Config, context: StageContext) throws -> [BinnedDeltaSweep] {
        let mixture = try GaussianMixture2D.example4(delta: config.delta)
        let candidates = stride(from: 0.0, to: 180.0, by: config.candidateStepDeg).map { $0 }
        var rng = SeededGenerator(seed: context.seed)
        var sweeps: [BinnedDeltaSweep] = []
        let work = Double(config.sampleSizes.reduce(0, +) * config.seedsPerSize)
        var done = 0.0
        for n in config.sampleSizes {
            context.progress(fraction: done / work, message: "binned Δ̂, N = \(n)")
            // @literate begin oas
            var sizeRNG = rng.split()
            let sweep = try BinnedDeltaSweep.run(density: mixture, anglesDeg: candidates, sampleSize: n,
                                                 seeds: config.seedsPerSize, bins: config.bins, using: &sizeRNG) { k in
                context.progress(fraction: (done + Double(k * n)) / work, message: "binned Δ̂, N = \(n), seed \(k)")
            }
            // @literate end
            done += Double(n * config.seedsPerSize)
            sweeps.append(sweep)
        }
        return sweeps
    }

    struct Example4Checks {
        var all: [Check]
        var argmax: Double
        var quadratureGap: Double
        var hitFractions: [Int: Double]
        var largestBias: Double
        var optimum: [OptimumBiasStudy]
        /// Per sample size, each seed's regret Δ(θ*) − Δ(θ̂) in nats.
        var regrets: [Int: [Double]]
    }

    func makeChecks(_ config: Config, exact: ExactDeltaCurve, sweeps: [BinnedDeltaSweep]) -> Example4Checks {
        let argmax = exact.argmaxInQuarter
        let gap = zip(exact.delta, exact.independent).map { abs($0 - $1) }.max() ?? .nan
        var checks = [Check.atMost(id: "ex4.quadrature_agreement",
                                   claim: "exact Δ(θ): adaptive Gauss–Kronrod (library) vs fixed Gauss–Legendre on the closed form, max |difference| over θ",
                                   measured: gap, tolerance: config.quadratureAgreement).selfCheck]
        // @literate begin regret
        // What a wrong angle gives away: Δ at the best grid angle minus Δ at the angle OAS picked, both from the closed
        // form (the candidates lie on the exact grid, so the regret is never negative).
        let deltaMax = exact.independent.max() ?? .nan, rule = GaussLegendreRule(order: config.legendreOrder)
        var regrets: [Int: [Double]] = [:]
        for sweep in sweeps {
            regrets[sweep.sampleSize] = sweep.oasAngles.map {
                deltaMax - Example4ClosedForm(delta: config.delta, thetaDegrees: $0).delta(rule: rule, panels: config.legendrePanels)
            }
        }
        // @literate end
        for sweep in sweeps {
            let n = sweep.sampleSize
            checks.append(ClaimCatalog.empirical("ex4.oas_regret_N\(n)",
                                                 claim: "Algorithm 1 with N = \(n) samples and B = \(config.bins) bins: mean regret Δ(θ*) − Δ(θ̂) over \(sweep.oasAngles.count) seeds (nats)",
                                                 replicates: regrets[n] ?? []))
        }
        var fractions: [Int: Double] = [:]
        for sweep in sweeps { fractions[sweep.sampleSize] = sweep.hitFraction(targets: [argmax, 180 - argmax], tolerance: config.oasAngleToleranceDeg) }
        let largest = sweeps.max { $0.sampleSize < $1.sampleSize }
        let bias = largest.map { maxAbsBias(sweep: $0, exact: exact, delta: config.delta) } ?? .nan
        let optimum = sweeps.map { sweep in
            OptimumBiasStudy(sweep: sweep, argmax: argmax) { Example4ClosedForm(delta: config.delta, thetaDegrees: $0).delta() }
        }
        return Example4Checks(all: checks, argmax: argmax, quadratureGap: gap, hitFractions: fractions, largestBias: bias,
                              optimum: optimum, regrets: regrets)
    }

    /// max_θ |mean over seeds of Δ̂(θ) − Δ(θ)|, the exact value taken at the candidate angles.
    func maxAbsBias(sweep: BinnedDeltaSweep, exact: ExactDeltaCurve, delta: Double) -> Double {
        let mean = sweep.meanAndStd.mean
        return sweep.anglesDeg.indices.map { k in
            abs(mean[k] - Example4ClosedForm(delta: delta, thetaDegrees: sweep.anglesDeg[k]).delta())
        }.max() ?? .nan
    }

    func metrics(_ config: Config, exact: ExactDeltaCurve, sweeps: [BinnedDeltaSweep], checks: Example4Checks) -> [String: MetricValue] {
        var m: [String: MetricValue] = [
            "theta_deg": .numbers(exact.theta),
            "delta_analytic": .numbers(exact.delta),
            "delta_independent_quadrature": .numbers(exact.independent),
            "analytic_argmax_deg": .number(checks.argmax),
            "delta_max": .number(exact.delta.max() ?? .nan),
            "delta_theta0_closed_form": .number(Example4ClosedForm.deltaAtZero(delta: config.delta)),
            "quadrature_max_abs_difference": .number(checks.quadratureGap),
            "binned_max_abs_bias_largest_N": .number(checks.largestBias),
        ]
        for sweep in sweeps {
            let n = sweep.sampleSize
            m["oas_argmax_deg_N\(n)"] = .numbers(sweep.oasAngles)
            m["oas_delta_N\(n)"] = .numbers(sweep.oasDeltas)
            m["binned_mean_N\(n)"] = .numbers(sweep.meanAndStd.mean)
            m["binned_std_N\(n)"] = .numbers(sweep.meanAndStd.std)
            if let f = checks.hitFractions[n] { m["oas_hit_fraction_N\(n)"] = .number(f) }
        }
        if let first = sweeps.first { m["candidate_theta_deg"] = .numbers(first.anglesDeg) }
        for (n, r) in checks.regrets { m["oas_regret_N\(n)"] = .numbers(r) }
        for s in checks.optimum {
            let n = s.sampleSize
            m["delta_bias_at_optimum_N\(n)"] = .number(s.deltaBias)
            m["delta_bias_at_optimum_se_N\(n)"] = .number(s.deltaBiasSE)
            m["delta_relative_bias_at_optimum_N\(n)"] = .number(s.deltaBias / s.exactDelta)
            m["angle_error_deg_N\(n)"] = .numbers(s.angleErrors)
            m["angle_error_rms_deg_N\(n)"] = .number(s.angleErrorRMS)
            m["angle_error_p90_deg_N\(n)"] = .number(s.angleErrorP90)
        }
        return m
    }
}

/// Δ(θ) on the exact grid by the library (`delta`) and by the independent quadrature.
struct ExactDeltaCurve {
    var theta: [Double]
    var delta: [Double]
    var independent: [Double]

    /// The grid argmax folded into [0°, 90°] (Δ is even in θ, so ±θ* both maximise it).
    var argmaxInQuarter: Double {
        guard let k = delta.indices.max(by: { delta[$0] < delta[$1] }) else { return .nan }
        return HalfTurnAngle.foldedToQuarter(theta[k])
    }
}
