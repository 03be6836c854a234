extension Flow {
    /// The ML loss of Eq. (8) (DESIGN.md convention, log 2π dropped) computed as the trainer computes
    /// it: the forward pass in Float, the per-row sum accumulated in Double.
    ///
    /// For held-out and validation traces of long trainings, where `mlLoss` (all-Double) would cost
    /// 2–3× more (NOTES-performance.md); the two agree to about 1e-5 nats on unit-scale data
    /// (asserted in the tests).
    public func mlLossFloat(_ x: Matrix, tileRows: Int = 64) throws -> Double {
        try check(x, cols: dimension, what: "flow input")
        guard x.rows > 0 else { throw FlowCoreError.invalidArgument(name: "sample count", value: "0", reason: "need ≥ 1 row") }
        let engine: FlowEngine<Float> = makeEngine(rows: x.rows, capacity: tileRows)
        let d = dimension
        var total = 0.0
        forEachTile(rows: x.rows, capacity: engine.capacity) { start, n in
            copyRows(x, start, n, into: engine.states[0].pointer)
            engine.forwardTile(rows: n)
            let z = engine.states[blocks.count].pointer
            for r in 0..<n {
                var sq: Float = 0
                for i in 0..<d { let v = z[r &* d &+ i]; sq += v * v }
                total += 0.5 * Double(sq) - Double(engine.logDet.pointer[r])
            }
        }
        return total / Double(x.rows)
    }
}
