import FlowKernels

/// One affine coupling τ of Eq. (5): y = [p, a ⊙ e^{s(p)} + t(p)] with log|det J| = Σ_i s_i(p).
///
/// The first `passiveCount` (D_P) coordinates are passive, the next `activeCount` (D_A) active.
/// The subnet maps D_P → 2·D_A, giving [s_raw, t]; s = clamp(s_raw) (see `SoftClamp`).
/// With the subnet's default zero last layer a new coupling is the identity.
/// All passes are hand-written (`CouplingWorkspace`); this type evaluates them in Double.
public struct AffineCoupling: Codable, Sendable, Equatable {
    public let passiveCount: Int
    public let activeCount: Int
    public var subnet: MLP
    public let clamp: SoftClamp

    /// A coupling with a freshly initialised subnet of the given hidden widths.
    public init(passiveCount: Int, activeCount: Int, hiddenWidths: [Int], activation: Activation = .relu,
                clamp: SoftClamp = .none, using rng: inout SeededGenerator) throws {
        guard passiveCount >= 1, activeCount >= 1 else {
            throw FlowCoreError.invalidArgument(name: "passive/active counts", value: "\(passiveCount)/\(activeCount)", reason: "both must be ≥ 1")
        }
        let net = try MLP(inputCount: passiveCount, outputCount: 2 * activeCount, hiddenWidths: hiddenWidths,
                          activation: activation, using: &rng)
        try self.init(passiveCount: passiveCount, activeCount: activeCount, subnet: net, clamp: clamp)
    }

    /// A coupling around an existing subnet; throws unless it maps D_P → 2·D_A and the clamp is valid.
    public init(passiveCount: Int, activeCount: Int, subnet: MLP, clamp: SoftClamp = .none) throws {
        guard passiveCount >= 1, activeCount >= 1 else {
            throw FlowCoreError.invalidArgument(name: "passive/active counts", value: "\(passiveCount)/\(activeCount)", reason: "both must be ≥ 1")
        }
        guard subnet.inputCount == passiveCount, subnet.outputCount == 2 * activeCount else {
            throw FlowCoreError.shapeMismatch(what: "coupling subnet", expected: "\(passiveCount) → \(2 * activeCount)",
                                              got: "\(subnet.inputCount) → \(subnet.outputCount)")
        }
        try clamp.validate()
        self.passiveCount = passiveCount
        self.activeCount = activeCount
        self.subnet = subnet
        self.clamp = clamp
    }

    public var dimension: Int { passiveCount + activeCount }
    public var parameterCount: Int { subnet.parameterCount }

    func makeWorkspace<T: FlowScalar>(capacity: Int) -> CouplingWorkspace<T> {
        CouplingWorkspace(passiveCount: passiveCount, activeCount: activeCount, clamp: clamp, layout: subnet.layout, capacity: capacity)
    }

    /// Runs `body` with a Double workspace whose Wᵀ copies are fresh, and the parameter pointer.
    private func withWorkspace<R>(rows: Int, _ body: (CouplingWorkspace<Double>, UnsafePointer<Double>) -> R) -> R {
        let ws: CouplingWorkspace<Double> = makeWorkspace(capacity: min(max(rows, 1), 256))
        return subnet.parameters.withUnsafeBufferPointer { theta in
            ws.subnet.refresh(parameters: theta.baseAddress!)
            return body(ws, theta.baseAddress!)
        }
    }

    /// y = τ(x) and log|det J(x)| per row, in one pass.
    public func forward(_ x: Matrix) throws -> (y: Matrix, logDet: [Double]) {
        try check(x, cols: dimension, what: "coupling input")
        var y = Matrix(rows: x.rows, cols: dimension)
        var logDet = [Double](repeating: 0, count: x.rows)
        withWorkspace(rows: x.rows) { ws, theta in
            let xb = ScalarBuffer<Double>(count: ws.subnet.capacity * dimension), yb = ScalarBuffer<Double>(count: xb.count)
            logDet.withUnsafeMutableBufferPointer { ld in
                forEachTile(rows: x.rows, capacity: ws.subnet.capacity) { start, n in
                    copyRows(x, start, n, into: xb.pointer)
                    ws.forward(parameters: theta, x: xb.pointer, rows: n, y: yb.pointer, logDet: ld.baseAddress! + start)
                    copyRows(from: yb.pointer, start, n, into: &y)
                }
            }
        }
        return (y, logDet)
    }

    /// x = τ⁻¹(y).
    public func inverse(_ y: Matrix) throws -> Matrix {
        try check(y, cols: dimension, what: "coupling inverse input")
        var x = Matrix(rows: y.rows, cols: dimension)
        withWorkspace(rows: y.rows) { ws, theta in
            let yb = ScalarBuffer<Double>(count: ws.subnet.capacity * dimension), xb = ScalarBuffer<Double>(count: yb.count)
            forEachTile(rows: y.rows, capacity: ws.subnet.capacity) { start, n in
                copyRows(y, start, n, into: yb.pointer)
                ws.inverse(parameters: theta, y: yb.pointer, rows: n, x: xb.pointer)
                copyRows(from: xb.pointer, start, n, into: &x)
            }
        }
        return x
    }

    /// Gradients of L = Σ_n ⟨outputGradient_n, τ(x_n)⟩ + Σ_n logDetGradient_n · log|det J(x_n)|
    /// with respect to the subnet parameters and to x.
    public func backward(_ x: Matrix, outputGradient: Matrix, logDetGradient: [Double]) throws
        -> (parameterGradient: [Double], inputGradient: Matrix) {
        try check(x, cols: dimension, what: "coupling input")
        try check(outputGradient, cols: dimension, rows: x.rows, what: "coupling output gradient")
        guard logDetGradient.count == x.rows else {
            throw FlowCoreError.shapeMismatch(what: "log-det gradient", expected: "\(x.rows)", got: "\(logDetGradient.count)")
        }
        var grad = [Double](repeating: 0, count: parameterCount)
        var dx = Matrix(rows: x.rows, cols: dimension)
        withWorkspace(rows: x.rows) { ws, theta in
            let cap = ws.subnet.capacity
            let xb = ScalarBuffer<Double>(count: cap * dimension), yb = ScalarBuffer<Double>(count: cap * dimension)
            let ld = ScalarBuffer<Double>(count: cap), gb = ScalarBuffer<Double>(count: cap * dimension)
            grad.withUnsafeMutableBufferPointer { g in
                forEachTile(rows: x.rows, capacity: cap) { start, n in
                    copyRows(x, start, n, into: xb.pointer)
                    ws.forward(parameters: theta, x: xb.pointer, rows: n, y: yb.pointer, logDet: ld.pointer)
                    copyRows(outputGradient, start, n, into: gb.pointer)
                    for r in 0..<n { ld.pointer[r] = logDetGradient[start + r] }
                    ws.backward(parameters: theta, gradient: g.baseAddress!, x: xb.pointer, dy: gb.pointer,
                                logDetWeight: ld.pointer, rows: n, dx: gb.pointer)
                    copyRows(from: gb.pointer, start, n, into: &dx)
                }
                ws.subnet.flushGradients(into: g.baseAddress!)
            }
        }
        return (grad, dx)
    }

    /// The clamped log-scale s(p) and shift t(p) for each row of `passive` (N × D_P): the quantities
    /// Lemma 1 predicts as e^{s} = 1/σ(a|p), t = −m(a|p)/σ(a|p) (Eqs. 9–10).
    public func scaleAndShift(passive: Matrix) throws -> (s: Matrix, t: Matrix) {
        try check(passive, cols: passiveCount, what: "coupling passive input")
        var s = Matrix(rows: passive.rows, cols: activeCount), t = Matrix(rows: passive.rows, cols: activeCount)
        withWorkspace(rows: passive.rows) { ws, theta in
            let pb = ScalarBuffer<Double>(count: ws.subnet.capacity * dimension)
            forEachTile(rows: passive.rows, capacity: ws.subnet.capacity) { start, n in
                for r in 0..<n { for i in 0..<passiveCount { pb.pointer[r * dimension + i] = passive[start + r, i] } }
                ws.scaleAndShift(parameters: theta, x: pb.pointer, rows: n)
                for r in 0..<n {
                    for j in 0..<activeCount {
                        s[start + r, j] = ws.s.pointer[r * activeCount + j]
                        t[start + r, j] = ws.shift(r, j)
                    }
                }
            }
        }
        return (s, t)
    }
}
