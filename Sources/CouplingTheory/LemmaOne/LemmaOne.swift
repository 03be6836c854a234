import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Lemma 1: the optimal single affine coupling and the read-out of conditional moments from a layer.
public enum LemmaOne {
    /// Reads the conditional moments a layer has learnt from its (clamped) s and t at one p,
    /// inverting Eq. 9–10: σ̂(p) = e^{−s(p)}, m̂(p) = −t(p)·e^{−s(p)}.
    /// Pass s exactly as the coupling applies it (after soft clamping).
    @inlinable
    public static func moments(scale s: Double, shift t: Double) -> (mean: Double, std: Double) {
        let inv = exp(-s)
        return (-t * inv, inv)
    }

    /// The optimal s and t of Eq. 9–10 for conditional moments (m, σ): e^s = 1/σ, t = −m/σ.
    @inlinable
    public static func optimalScaleAndShift(mean m: Double, std sigma: Double) -> (scale: Double, shift: Double) {
        (-log(sigma), -m / sigma)
    }

    /// The optimal layer of Eq. 11 applied to samples `[p, a]` (N×2): returns `[p, a']` with
    /// a' = (a − m(p)) / σ(p), and the per-sample ML loss ½p² + ½a'² − s(p) with s = −log σ(p).
    public static func applyOptimalLayer<Q: KnownConditionalDensity>(
        of density: Q, to samples: Matrix
    ) throws -> (output: Matrix, mlLoss: [Double]) {
        guard samples.cols == 2 else {
            throw TheoryError.invalidArgument(name: "samples.cols", value: "\(samples.cols)", reason: "need [p, a] rows (2 columns)")
        }
        var out = samples
        var loss = [Double](repeating: 0, count: samples.rows)
        for i in 0..<samples.rows {
            let p = samples[i, 0]
            let (m, sigma) = density.conditionalMoments(p)
            let a1 = (samples[i, 1] - m) / sigma
            out[i, 1] = a1
            loss[i] = 0.5 * p * p + 0.5 * a1 * a1 + log(sigma)
        }
        return (out, loss)
    }
}
