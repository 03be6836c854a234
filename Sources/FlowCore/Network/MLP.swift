import FlowKernels

/// A fully connected network (the coupling subnet) with flat parameters and hand-written gradients.
///
/// Widths [in, h₁, …, h_k, out]; hidden layers apply `activation`, the last layer is linear.
/// Initialisation (PyTorch's `nn.Linear` default, Kaiming-uniform with a = √5): every weight and bias of
/// a layer with fan-in n is drawn from U(−1/√n, 1/√n). With `zeroLastLayer` (the default) the last
/// layer's weights and biases are 0, so a new coupling starts as the identity (s = t = 0).
/// Parameters are one flat array [W₀ (out×in, row-major), b₀, W₁, b₁, …] that an optimizer can walk.
public struct MLP: Codable, Sendable, Equatable {
    public let inputCount: Int
    public let outputCount: Int
    public let hiddenWidths: [Int]
    public let activation: Activation
    /// All weights and biases, flat (see the type's documentation for the order).
    public private(set) var parameters: [Double]

    /// A freshly initialised network; throws on non-positive widths.
    public init(inputCount: Int, outputCount: Int, hiddenWidths: [Int], activation: Activation = .relu,
                zeroLastLayer: Bool = true, using rng: inout SeededGenerator) throws {
        try Self.validate(inputCount: inputCount, outputCount: outputCount, hiddenWidths: hiddenWidths)
        let layout = MLPLayout(widths: [inputCount] + hiddenWidths + [outputCount], activation: activation)
        var theta = [Double](repeating: 0, count: layout.parameterCount)
        for l in 0..<layout.layerCount where !(zeroLastLayer && l == layout.layerCount - 1) {
            let bound = 1 / Double(layout.widths[l]).squareRoot()
            for k in layout.weightOffsets[l]..<(layout.biasOffsets[l] + layout.widths[l + 1]) {
                theta[k] = rng.uniform(-bound, bound)
            }
        }
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.hiddenWidths = hiddenWidths
        self.activation = activation
        self.parameters = theta
    }

    /// A network with given parameters; throws on bad widths, wrong count or non-finite values.
    public init(inputCount: Int, outputCount: Int, hiddenWidths: [Int], activation: Activation, parameters: [Double]) throws {
        try Self.validate(inputCount: inputCount, outputCount: outputCount, hiddenWidths: hiddenWidths)
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.hiddenWidths = hiddenWidths
        self.activation = activation
        self.parameters = []
        try setParameters(parameters)
    }

    var layout: MLPLayout { MLPLayout(widths: [inputCount] + hiddenWidths + [outputCount], activation: activation) }
    public var parameterCount: Int { layout.parameterCount }

    /// Replaces all parameters; throws on a wrong count or non-finite values.
    public mutating func setParameters(_ theta: [Double]) throws {
        guard theta.count == parameterCount else {
            throw FlowCoreError.shapeMismatch(what: "MLP parameters", expected: "\(parameterCount)", got: "\(theta.count)")
        }
        guard theta.allSatisfy(\.isFinite) else { throw FlowCoreError.nonFinite(what: "MLP parameters") }
        parameters = theta
    }

    private static func validate(inputCount: Int, outputCount: Int, hiddenWidths: [Int]) throws {
        for (name, w) in [("inputCount", inputCount), ("outputCount", outputCount)] + hiddenWidths.map({ ("hidden width", $0) }) where w <= 0 {
            throw FlowCoreError.invalidArgument(name: name, value: "\(w)", reason: "must be ≥ 1")
        }
    }

    /// The outputs for each row of `x` (N × inputCount → N × outputCount).
    public func forward(_ x: Matrix) throws -> Matrix {
        try check(x, cols: inputCount, what: "MLP input")
        var out = Matrix(rows: x.rows, cols: outputCount)
        let ws = MLPWorkspace<Double>(layout: layout, capacity: min(max(x.rows, 1), 256))
        parameters.withUnsafeBufferPointer { theta in
            ws.refresh(parameters: theta.baseAddress!)
            forEachTile(rows: x.rows, capacity: ws.capacity) { start, n in
                copyRows(x, start, n, into: ws.input.pointer)
                ws.forward(parameters: theta.baseAddress!, rows: n)
                copyRows(from: ws.output, start, n, into: &out)
            }
        }
        return out
    }

    /// ∂L/∂θ and ∂L/∂x for L = Σ_n ⟨outputGradient_n, f(x_n)⟩.
    public func backward(_ x: Matrix, outputGradient: Matrix) throws -> (parameterGradient: [Double], inputGradient: Matrix) {
        try check(x, cols: inputCount, what: "MLP input")
        try check(outputGradient, cols: outputCount, rows: x.rows, what: "MLP output gradient")
        var grad = [Double](repeating: 0, count: parameterCount)
        var dx = Matrix(rows: x.rows, cols: inputCount)
        let ws = MLPWorkspace<Double>(layout: layout, capacity: min(max(x.rows, 1), 256))
        parameters.withUnsafeBufferPointer { theta in
            grad.withUnsafeMutableBufferPointer { g in
                ws.refresh(parameters: theta.baseAddress!)
                forEachTile(rows: x.rows, capacity: ws.capacity) { start, n in
                    copyRows(x, start, n, into: ws.input.pointer)
                    ws.forward(parameters: theta.baseAddress!, rows: n)
                    copyRows(outputGradient, start, n, into: ws.outputGradient)
                    ws.backward(parameters: theta.baseAddress!, gradient: g.baseAddress!, rows: n, needInputGradient: true)
                    copyRows(from: ws.inputGradient.pointer, start, n, into: &dx)
                }
                ws.flushGradients(into: g.baseAddress!)
            }
        }
        return (grad, dx)
    }
}

/// Throws unless `m` has `cols` columns (and `rows` rows when given) and only finite entries.
/// `what` is an autoclosure: the label is built only for the error (the trainer checks every batch, and an
/// interpolated "training batch \(step)" cost allocations in every step).
func check(_ m: Matrix, cols: Int, rows: Int? = nil, what: @autoclosure () -> String) throws {
    guard m.cols == cols, rows == nil || m.rows == rows! else {
        throw FlowCoreError.shapeMismatch(what: what(), expected: "\(rows.map(String.init) ?? "N")×\(cols)", got: "\(m.rows)×\(m.cols)")
    }
    guard m.isFinite else { throw FlowCoreError.nonFinite(what: what()) }
}

/// Calls `body(start, count)` for consecutive tiles of at most `capacity` rows.
func forEachTile(rows: Int, capacity: Int, _ body: (Int, Int) -> Void) {
    var start = 0
    while start < rows {
        let n = min(capacity, rows - start)
        body(start, n)
        start += n
    }
}

/// Copies rows start..<start+n of a Double matrix into a scalar buffer (converting the type).
func copyRows<T: FlowScalar>(_ m: Matrix, _ start: Int, _ n: Int, into p: UnsafeMutablePointer<T>) {
    let c = m.cols
    m.values.withUnsafeBufferPointer { v in
        for k in 0..<(n * c) { p[k] = T(v[start * c + k]) }
    }
}

/// Copies n rows from a scalar buffer into rows start..<start+n of a Double matrix.
func copyRows<T: FlowScalar>(from p: UnsafePointer<T>, _ start: Int, _ n: Int, into m: inout Matrix) {
    let c = m.cols
    m.values.withUnsafeMutableBufferPointer { v in
        for k in 0..<(n * c) { v[start * c + k] = Double(p[k]) }
    }
}
