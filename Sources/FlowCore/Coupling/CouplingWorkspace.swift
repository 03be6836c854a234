/// The affine coupling of Eq. (5) over tiles of rows, generic over the scalar type; no allocation after init.
///
/// For x = [p, a] (p: first D_P coordinates, a: the next D_A), the subnet gives [s_raw, t] = f(p),
/// s = clamp(s_raw), and y = [p, a ⊙ eˢ + t], log|det J| = Σ_i s_i.
/// Backward, for upstream gradients (∂L/∂y, w = ∂L/∂logdet per row):
/// ∂L/∂a = ∂L/∂y_a ⊙ eˢ; ∂L/∂t = ∂L/∂y_a; ∂L/∂s = ∂L/∂y_a ⊙ a ⊙ eˢ + w; ∂L/∂s_raw = ∂L/∂s · clamp′;
/// ∂L/∂p = ∂L/∂y_p + (subnet input gradient).
final class CouplingWorkspace<T: FlowScalar> {
    let passiveCount: Int
    let activeCount: Int
    let clamp: SoftClamp
    let subnet: MLPWorkspace<T>
    /// s, eˢ and ds/ds_raw of the last forward pass (rows × D_A).
    let s: ScalarBuffer<T>
    let expS: ScalarBuffer<T>
    let slope: ScalarBuffer<T>

    init(passiveCount: Int, activeCount: Int, clamp: SoftClamp, layout: MLPLayout, capacity: Int) {
        self.passiveCount = passiveCount
        self.activeCount = activeCount
        self.clamp = clamp
        subnet = MLPWorkspace(layout: layout, capacity: capacity)
        s = ScalarBuffer(count: capacity * activeCount)
        expS = ScalarBuffer(count: capacity * activeCount)
        slope = ScalarBuffer(count: capacity * activeCount)
    }

    var dimension: Int { passiveCount + activeCount }

    /// Runs the subnet on the passive part of `x` and stores s, eˢ, clamp′; t stays in the subnet output.
    func scaleAndShift(parameters: UnsafePointer<T>, x: UnsafePointer<T>, rows: Int) {
        let d = dimension, dp = passiveCount, da = activeCount
        let input = subnet.input.pointer
        // Element loops, not `update(from:count:)`: that is a memmove call per row for a 1-element copy.
        for r in 0..<rows { for i in 0..<dp { input[r &* dp &+ i] = x[r &* d &+ i] } }
        subnet.forward(parameters: parameters, rows: rows)
        let out = subnet.output
        for r in 0..<rows {
            for j in 0..<da {
                let (sv, sl) = clamp.apply(out[r &* 2 &* da &+ j])
                s.pointer[r &* da &+ j] = sv
                slope.pointer[r &* da &+ j] = sl
                expS.pointer[r &* da &+ j] = T.exp(sv)
            }
        }
    }

    /// Shift t for row r, active index j (valid after `scaleAndShift`).
    @inline(__always) func shift(_ r: Int, _ j: Int) -> T { subnet.output[r &* 2 &* activeCount &+ activeCount &+ j] }

    /// y = coupling(x) for `rows` rows; logDet[r] += Σ_j s_rj. `y` may not alias `x`.
    func forward(parameters: UnsafePointer<T>, x: UnsafePointer<T>, rows: Int, y: UnsafeMutablePointer<T>, logDet: UnsafeMutablePointer<T>) {
        scaleAndShift(parameters: parameters, x: x, rows: rows)
        let d = dimension, dp = passiveCount, da = activeCount
        for r in 0..<rows {
            let xr = x + r &* d, yr = y + r &* d
            for i in 0..<dp { yr[i] = xr[i] }
            var sum: T = 0
            for j in 0..<da {
                let k = r &* da &+ j
                yr[dp &+ j] = xr[dp &+ j] * expS.pointer[k] + shift(r, j)
                sum += s.pointer[k]
            }
            logDet[r] += sum
        }
    }

    /// x = coupling⁻¹(y): p = y_p, a = (y_a − t(p)) ⊙ e^{−s(p)}.
    func inverse(parameters: UnsafePointer<T>, y: UnsafePointer<T>, rows: Int, x: UnsafeMutablePointer<T>) {
        scaleAndShift(parameters: parameters, x: y, rows: rows)
        let d = dimension, dp = passiveCount, da = activeCount
        for r in 0..<rows {
            let yr = y + r &* d, xr = x + r &* d
            for i in 0..<dp { xr[i] = yr[i] }
            for j in 0..<da { xr[dp &+ j] = (yr[dp &+ j] - shift(r, j)) / expS.pointer[r &* da &+ j] }
        }
    }

    /// Back-propagates through the last `forward` (same x, same rows). Accumulates ∂L/∂θ into `gradient`;
    /// writes ∂L/∂x into `dx` when given (`dx` may alias `dy`).
    func backward(parameters: UnsafePointer<T>, gradient: UnsafeMutablePointer<T>, x: UnsafePointer<T>,
                  dy: UnsafeMutablePointer<T>, logDetWeight: UnsafePointer<T>, rows: Int, dx: UnsafeMutablePointer<T>?) {
        let d = dimension, dp = passiveCount, da = activeCount
        let dOut = subnet.outputGradient
        for r in 0..<rows {
            for j in 0..<da {
                let k = r &* da &+ j, g = dy[r &* d &+ dp &+ j], e = expS.pointer[k]
                dOut[r &* 2 &* da &+ j] = (g * x[r &* d &+ dp &+ j] * e + logDetWeight[r]) * slope.pointer[k]
                dOut[r &* 2 &* da &+ da &+ j] = g
            }
        }
        subnet.backward(parameters: parameters, gradient: gradient, rows: rows, needInputGradient: dx != nil)
        guard let dx else { return }
        let dIn = subnet.inputGradient.pointer
        for r in 0..<rows {
            for j in 0..<da { dx[r &* d &+ dp &+ j] = dy[r &* d &+ dp &+ j] * expS.pointer[r &* da &+ j] }
            for i in 0..<dp { dx[r &* d &+ i] = dy[r &* d &+ i] + dIn[r &* dp &+ i] }
        }
    }
}
