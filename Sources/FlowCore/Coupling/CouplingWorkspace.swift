import FlowKernels

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
        let d = dimension, dp = passiveCount
        let input = subnet.input.pointer
        if dp == 1 && d == 2 {
            Self.evenElements(x, rows, into: input)
        } else {
            // Element loops, not `update(from:count:)`: that is a memmove call per row for a 1-element copy.
            for r in 0..<rows { for i in 0..<dp { input[r &* dp &+ i] = x[r &* d &+ i] } }
        }
        subnet.forward(parameters: parameters, rows: rows)
        // The clamp's switch outside the row loops, so that each loop (exp and the clamp inlined, branch-free
        // in Float) is vectorised.
        switch clamp {
        case .none: clampRows(rows) { ($0, 1) }
        case let .tanh(c): let cc = T(c); clampRows(rows) { SoftClamp.tanhClamp($0, cc) }
        case let .atan(c): let cc = T(c); clampRows(rows) { SoftClamp.atanClamp($0, cc) }
        }
    }

    /// s, clamp′ and eˢ for every row from the subnet output's s_raw columns.
    @inline(__always)
    private func clampRows(_ rows: Int, _ f: (T) -> (s: T, slope: T)) {
        let out = subnet.output, da = activeCount
        let sp = s.pointer, slp = slope.pointer, ep = expS.pointer
        if da == 1 {
            // 2D couplings: s_raw is every other output. Gathered into `s` first, so that the clamp loop reads
            // contiguously: reading out[2r] in it made LLVM keep a scalar epilogue of 8–16 rows per tile
            // (a strided load with a gap), where most of this function's time went.
            Self.evenElements(out, rows, into: sp)
            for r in 0..<rows {
                let (sv, sl) = f(sp[r])
                sp[r] = sv
                slp[r] = sl
                ep[r] = T.fastExp(sv)
            }
            return
        }
        for r in 0..<rows {
            for j in 0..<da {
                let (sv, sl) = f(out[r &* 2 &* da &+ j])
                sp[r &* da &+ j] = sv
                slp[r &* da &+ j] = sl
                ep[r &* da &+ j] = T.fastExp(sv)
            }
        }
    }

    /// dst[r] = src[2r] for r < rows: 16 rows from two vector loads and one even-lane shuffle, then a scalar tail.
    @inline(__always)
    private static func evenElements(_ src: UnsafePointer<T>, _ rows: Int, into dst: UnsafeMutablePointer<T>) {
        var r = 0
        while r &+ 16 <= rows {
            let a = VectorKernels.load(src, 2 &* r), b = VectorKernels.load(src, 2 &* r &+ 16)
            VectorKernels.store(SIMD16(lowHalf: a.evenHalf, highHalf: b.evenHalf), dst, r)
            r &+= 16
        }
        while r < rows { dst[r] = src[2 &* r]; r &+= 1 }
    }

    /// Shift t for row r, active index j (valid after `scaleAndShift`).
    @inline(__always) func shift(_ r: Int, _ j: Int) -> T { subnet.output[r &* 2 &* activeCount &+ activeCount &+ j] }

    /// y = coupling(x) for `rows` rows; logDet[r] += Σ_j s_rj. `y` may not alias `x`.
    func forward(parameters: UnsafePointer<T>, x: UnsafePointer<T>, rows: Int, y: UnsafeMutablePointer<T>, logDet: UnsafeMutablePointer<T>) {
        scaleAndShift(parameters: parameters, x: x, rows: rows)
        let d = dimension, dp = passiveCount, da = activeCount
        if dp == 1 && da == 1 {
            // 2D: one flat loop over rows (vectorised), the same operations as the general loop below.
            let e = expS.pointer, sp = s.pointer, out = subnet.output
            for r in 0..<rows {
                y[r &* 2] = x[r &* 2]
                y[r &* 2 &+ 1] = x[r &* 2 &+ 1] * e[r] + out[r &* 2 &+ 1]
                var sum: T = 0
                sum += sp[r]
                logDet[r] += sum
            }
            return
        }
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
        if dp == 1 && da == 1 {
            backward2D(parameters: parameters, gradient: gradient, x: x, dy: dy, logDetWeight: logDetWeight, rows: rows, dx: dx)
            return
        }
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

    /// `backward` for D_P = D_A = 1 as flat loops over rows (vectorised); the same operations in the same order.
    private func backward2D(parameters: UnsafePointer<T>, gradient: UnsafeMutablePointer<T>, x: UnsafePointer<T>,
                            dy: UnsafeMutablePointer<T>, logDetWeight: UnsafePointer<T>, rows: Int, dx: UnsafeMutablePointer<T>?) {
        let dOut = subnet.outputGradient, e = expS.pointer, sl = slope.pointer
        for r in 0..<rows {
            let g = dy[r &* 2 &+ 1]
            dOut[r &* 2] = (g * x[r &* 2 &+ 1] * e[r] + logDetWeight[r]) * sl[r]
            dOut[r &* 2 &+ 1] = g
        }
        subnet.backward(parameters: parameters, gradient: gradient, rows: rows, needInputGradient: dx != nil)
        guard let dx else { return }
        let dIn = subnet.inputGradient.pointer
        for r in 0..<rows {
            dx[r &* 2 &+ 1] = dy[r &* 2 &+ 1] * e[r]
            dx[r &* 2] = dy[r &* 2] + dIn[r]
        }
    }
}
