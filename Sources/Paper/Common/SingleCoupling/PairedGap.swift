import CouplingTheory
import FlowCore
import Foundation

/// The gap of a one-block flow to the Theorem 1 minimum, estimated on held-out samples paired with the
/// exact Lemma 1 layer: per sample ℓ(x) − ℓ*(y), where ℓ is the flow's ML loss, y = Q(θ)x the rotated
/// sample (|det Q| = 1, so the flow's loss is its coupling's at y) and ℓ*(y) = ½p² + ½((a − m(p))/σ(p))² + log σ(p)
/// the optimal layer's loss, with (p, a) = y and m, σ those of the rotated density (E ℓ* = the Theorem 1 minimum).
/// The same expectation as "held-out loss − bound", with the held-out set's own sampling noise (about 0.003
/// nats at 2^16 samples on W) cancelled by the control variate: both losses see the same samples.
enum PairedGap {
    /// `density` in the coordinates the coupling sees (already rotated by `rotationDegrees`); `heldOut` in the flow's input coordinates.
    static func estimate(flow: Flow, density: any KnownConditionalDensity, rotationDegrees: Double = 0, heldOut x: Matrix) throws -> MonteCarloEstimate {
        let (z, logDet) = try flow.forward(x)
        let c = cos(rotationDegrees * .pi / 180), s = sin(rotationDegrees * .pi / 180)
        let diffs = (0..<x.rows).map { n -> Double in
            let loss = 0.5 * (z[n, 0] * z[n, 0] + z[n, 1] * z[n, 1]) - logDet[n]
            // [p, a] = Q(θ) x with Q(θ) = [[cos θ, −sin θ], [sin θ, cos θ]] (DESIGN.md's convention).
            let p = c * x[n, 0] - s * x[n, 1], a = s * x[n, 0] + c * x[n, 1]
            let (m, sd) = density.conditionalMoments(p)
            let u = (a - m) / sd
            return loss - (0.5 * p * p + 0.5 * u * u + log(sd))
        }
        return MonteCarloEstimate(samples: diffs)
    }
}
