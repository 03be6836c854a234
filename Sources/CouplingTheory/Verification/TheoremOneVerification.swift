import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Theorem 1 (Eq. 18–20) checked on an exact object.
///
/// - Eq. 20's Δ from the stated moments equals the loss the optimal layer removes, computed directly:
///   E_p[ E[½a² | p] − E[½a′² − s*(p) | p] ] with a′ = (a − m)/σ, s* = −log σ, where the inner
///   expectations are quadratures of the conditional density (Eq. 8 before and after the layer).
/// - Where H[μ] is known, Eq. 18 (the minimal KL via conditional entropies) equals Eq. 19 (KL − Δ).
/// - The bound is a bound: shifting s or t of the optimal layer by ±ε never lowers the conditional
///   loss at any p of a grid (so neither its average).
public struct TheoremOneVerification: Sendable, Equatable {
    public var delta = 0.0
    /// |Δ(Eq. 20) − direct loss difference|.
    public var deltaMismatch = 0.0
    /// |KL by Eq. 18 − KL by Eq. 19| (nil when H[μ] is unknown).
    public var equation18Mismatch: Double?
    /// How far the lowest perturbed conditional loss falls below the optimum's (0 when none does).
    public var perturbationBelowBound = 0.0

    public var worst: Double { max(deltaMismatch, equation18Mismatch ?? 0, perturbationBelowBound) }

    public static func verify<Q: KnownConditionalDensity>(
        _ density: Q, perturbation eps: Double = 0.05, points: Int = 41, quadrature: AdaptiveQuadrature = .init()
    ) throws -> TheoremOneVerification {
        var r = TheoremOneVerification()
        r.delta = TheoremOne.delta(of: density, quadrature: quadrature).value
        // J(s, t | p) = E[½(a e^s + t)² − s | p] by quadrature of the conditional density.
        let loss = { (p: Double, s: Double, t: Double) throws -> Double in
            try ConditionalQuadrature.expectation(of: density, at: p, quadrature: quadrature) { a in
                let y = a * exp(s) + t; return 0.5 * y * y
            } - s
        }
        var failure: Error?
        let removed = TheoremOne.passiveExpectation(of: density, quadrature: quadrature) { p, m, sigma in
            do {
                let before = try ConditionalQuadrature.expectation(of: density, at: p, quadrature: quadrature) { 0.5 * $0 * $0 }
                return before - (try loss(p, -log(sigma), -m / sigma))
            } catch { failure = error; return .nan }
        }.value
        if let failure { throw failure }
        r.deltaMismatch = abs(r.delta - removed)
        for p in ConditionalQuadrature.passiveGrid(density, count: points) {
            let (m, sigma) = density.conditionalMoments(p)
            let s = -log(sigma), t = -m / sigma, optimum = try loss(p, s, t)
            for (ds, dt) in [(eps, 0.0), (-eps, 0.0), (0.0, eps), (0.0, -eps)] {
                r.perturbationBelowBound = max(r.perturbationBelowBound, optimum - (try loss(p, s + ds, t + dt)))
            }
        }
        if density.entropy != nil, let eq18 = try? TheoremOne.minimalKLByEquation18(of: density, quadrature: quadrature) {
            r.equation18Mismatch = abs(try TheoremOne.minimalKL(of: density, quadrature: quadrature) - eq18)
        }
        return r
    }
}
