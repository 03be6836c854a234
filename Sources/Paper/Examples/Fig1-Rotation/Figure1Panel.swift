import FlowCore
import Foundation
import Plotting

/// The two density grids of one Figure 1 column: the rotated mixture and the learnt push-forward.
struct Figure1Panel {
    var theta: Double
    /// μ_θ(p, a): the input of the coupling, in its own coordinates.
    var input: Grid2D
    /// (T_♯ μ)(p, a′): the density of the coupling's output.
    var output: Grid2D

    /// Evaluates both densities on a square grid. The push-forward density follows from the change of
    /// variables: for z = T(x), q(z) = μ(x) / |det J_T(x)| with x = T⁻¹(z) (exact, no sampling).
    static func make(mixture: GaussianMixture2D, theta: Double, flow: Flow, config: Figure1Stage.Config) throws -> Figure1Panel {
        let n = config.gridPoints, e = config.gridExtent
        let rotated = mixture.rotated(byDegrees: theta)
        let input = try Grid2D(nx: n, ny: n, x: -e...e, y: -e...e) { p, a in exp(rotated.logDensity(at: [p, a]) ?? -.infinity) }
        var z = Matrix(rows: n * n, cols: 2)
        for j in 0..<n {
            for i in 0..<n {
                z[j * n + i, 0] = -e + 2 * e * Double(i) / Double(n - 1)
                z[j * n + i, 1] = -e + 2 * e * Double(j) / Double(n - 1)
            }
        }
        let x = try flow.inverse(z)
        let logDet = try flow.forward(x).logDet
        let values = (0..<(n * n)).map { r in exp((mixture.logDensity(at: x.row(r)) ?? -.infinity) - logDet[r]) }
        let output = try Grid2D(nx: n, ny: n, x: -e...e, y: -e...e, values: values)
        return Figure1Panel(theta: theta, input: input, output: output)
    }
}
