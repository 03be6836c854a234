import FlowKernels

/// A flow's forward, backward and inverse passes over tiles of rows, generic over the scalar type.
///
/// Holds a copy of the parameters (flat, block after block), a gradient of the same layout and every
/// buffer a pass needs, so that a training step allocates nothing. `FlowEngine<Double>` serves the
/// public Double API and the gradient checks; `FlowEngine<Float>` the training loop.
final class FlowEngine<T: FlowScalar> {
    let dimension: Int
    let capacity: Int
    let rotations: [ScalarBuffer<T>]
    let couplings: [CouplingWorkspace<T>]
    /// Offset of block b's parameters in the flat arrays; `parameterOffsets[blockCount]` is the total.
    let parameterOffsets: [Int]
    let parameters: ScalarBuffer<T>
    let gradient: ScalarBuffer<T>
    /// states[0] is the tile input, states[b + 1] block b's output; rotated[b] is Q_b · states[b].
    let states: [ScalarBuffer<T>]
    let rotated: [ScalarBuffer<T>]
    let logDet: ScalarBuffer<T>
    let logDetWeight: ScalarBuffer<T>
    let upstream: ScalarBuffer<T>
    let scratch: ScalarBuffer<T>

    init(flow: Flow, capacity: Int) {
        let d = flow.dimension
        dimension = d
        self.capacity = capacity
        rotations = flow.blocks.map { block in
            let b = ScalarBuffer<T>(count: d * d)
            for k in 0..<(d * d) { b.pointer[k] = T(block.rotation.values[k]) }
            return b
        }
        couplings = flow.blocks.map { $0.coupling.makeWorkspace(capacity: capacity) }
        var offsets = [0]
        for block in flow.blocks { offsets.append(offsets.last! + block.coupling.parameterCount) }
        parameterOffsets = offsets
        parameters = ScalarBuffer(count: offsets.last!)
        gradient = ScalarBuffer(count: offsets.last!)
        states = (0...flow.blocks.count).map { _ in ScalarBuffer(count: capacity * d) }
        rotated = flow.blocks.map { _ in ScalarBuffer(count: capacity * d) }
        logDet = ScalarBuffer(count: capacity)
        logDetWeight = ScalarBuffer(count: capacity)
        upstream = ScalarBuffer(count: capacity * d)
        scratch = ScalarBuffer(count: capacity * d)
        load(flow)
    }

    var blockCount: Int { couplings.count }

    /// Copies the flow's parameters in (converting to T) and refreshes the Wᵀ copies.
    func load(_ flow: Flow) {
        for (b, block) in flow.blocks.enumerated() {
            for (k, v) in block.coupling.subnet.parameters.enumerated() { parameters.pointer[parameterOffsets[b] + k] = T(v) }
        }
        refresh()
    }

    /// Re-derives the Wᵀ copies of `blocks` (default all) after a parameter update.
    func refresh(blocks: Range<Int>? = nil) {
        for b in blocks ?? 0..<blockCount { couplings[b].subnet.refresh(parameters: parameters.pointer + parameterOffsets[b]) }
    }

    /// The current parameters of block b as Doubles.
    func parameters(ofBlock b: Int) -> [Double] {
        (parameterOffsets[b]..<parameterOffsets[b + 1]).map { Double(parameters.pointer[$0]) }
    }

    /// rows of y = Q · rows of x (transposed: y = Qᵀ x).
    func rotate(_ q: UnsafePointer<T>, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, rows: Int, transposed: Bool) {
        let d = dimension
        if d == 2 {
            // 2D flows (the deep benchmarks): the entries hoisted out of the row loop; the same sums as below.
            let a = q[0], b = transposed ? q[2] : q[1], c = transposed ? q[1] : q[2], e = q[3]
            for r in 0..<rows {
                let x0 = x[r &* 2], x1 = x[r &* 2 &+ 1]
                var y0: T = 0, y1: T = 0
                y0 += a * x0; y0 += b * x1
                y1 += c * x0; y1 += e * x1
                y[r &* 2] = y0
                y[r &* 2 &+ 1] = y1
            }
            return
        }
        for r in 0..<rows {
            let xr = x + r &* d, yr = y + r &* d
            for i in 0..<d {
                var acc: T = 0
                for j in 0..<d { acc += (transposed ? q[j &* d &+ i] : q[i &* d &+ j]) * xr[j] }
                yr[i] = acc
            }
        }
    }

    /// Forward through all blocks for `rows` rows of `states[0]`; z in `states[blockCount]`, Σ log-dets in `logDet`.
    func forwardTile(rows: Int) {
        logDet.pointer.update(repeating: 0, count: rows)
        for b in 0..<blockCount {
            rotate(rotations[b].pointer, states[b].pointer, rotated[b].pointer, rows: rows, transposed: false)
            couplings[b].forward(parameters: parameters.pointer + parameterOffsets[b], x: rotated[b].pointer, rows: rows,
                                 y: states[b + 1].pointer, logDet: logDet.pointer)
        }
    }

    /// Back-propagates ∂L/∂z (in `upstream`) and ∂L/∂logdet (`logDetWeight`) down to block `lowestBlock`,
    /// accumulating parameter gradients of blocks ≥ lowestBlock. When `needInputGradient`, ∂L/∂x ends in `upstream`.
    func backwardTile(rows: Int, lowestBlock: Int, needInputGradient: Bool) {
        for b in stride(from: blockCount - 1, through: lowestBlock, by: -1) {
            let needDx = b > lowestBlock || needInputGradient
            couplings[b].backward(parameters: parameters.pointer + parameterOffsets[b], gradient: gradient.pointer + parameterOffsets[b],
                                  x: rotated[b].pointer, dy: upstream.pointer, logDetWeight: logDetWeight.pointer, rows: rows,
                                  dx: needDx ? upstream.pointer : nil)
            if needDx {
                rotate(rotations[b].pointer, upstream.pointer, scratch.pointer, rows: rows, transposed: true)
                upstream.pointer.update(from: scratch.pointer, count: rows * dimension)
            }
        }
    }

    /// x = T⁻¹(z) for `rows` rows of `states[blockCount]`; the result is in `states[0]`.
    func inverseTile(rows: Int) {
        for b in stride(from: blockCount - 1, through: 0, by: -1) {
            couplings[b].inverse(parameters: parameters.pointer + parameterOffsets[b], y: states[b + 1].pointer, rows: rows,
                                 x: rotated[b].pointer)
            rotate(rotations[b].pointer, rotated[b].pointer, states[b].pointer, rows: rows, transposed: true)
        }
    }

    /// The ML loss (1/N) Σ_n [½‖z_n‖² − Σ_b logdet_b(x_n)] of N rows at `batch` (row-major N × D), and its
    /// gradient with respect to the parameters of blocks ≥ `lowestBlock` (left in `gradient`).
    /// The loss is accumulated in Double whatever T is.
    func lossAndGradient(batch: UnsafePointer<T>, rows total: Int, lowestBlock: Int) -> Double {
        gradient.zero()
        let d = dimension, invN = T(1) / T(total)
        logDetWeight.pointer.update(repeating: -invN, count: capacity)
        var loss = 0.0
        forEachTile(rows: total, capacity: capacity) { start, n in
            states[0].pointer.update(from: batch + start &* d, count: n &* d)
            forwardTile(rows: n)
            let z = states[blockCount].pointer
            for r in 0..<n {
                var sq: T = 0
                for i in 0..<d { let v = z[r &* d &+ i]; sq += v * v; upstream.pointer[r &* d &+ i] = v * invN }
                loss += 0.5 * Double(sq) - Double(logDet.pointer[r])
            }
            backwardTile(rows: n, lowestBlock: lowestBlock, needInputGradient: false)
        }
        for b in lowestBlock..<blockCount { couplings[b].subnet.flushGradients(into: gradient.pointer + parameterOffsets[b]) }
        return loss / Double(total)
    }
}
