extension Flow {
    /// The ML loss of Eq. (8) (DESIGN.md convention, log 2π dropped) computed as the trainer computes
    /// it: the forward pass in Float, the per-row sum accumulated in Double.
    ///
    /// For held-out and validation traces of long trainings, where `mlLoss` (all-Double) would cost
    /// 2–3× more (docs/performance.md); the two agree to about 1e-5 nats on unit-scale data
    /// (asserted in the tests).
    public func mlLossFloat(_ x: Matrix, tileRows: Int = 64) throws -> Double {
        let (z, logDet) = try forwardFloat(x, tileRows: tileRows)
        return Flow.mlLoss(z: z, logDet: logDet)
    }

    /// z = T(x) and Σ_l log|det J_l(x)| per row, computed in Float (returned as Doubles).
    ///
    /// For pushing many samples through frozen blocks (layer-wise training pools, validation sets);
    /// `forward` is the all-Double reference.
    public func forwardFloat(_ x: Matrix, tileRows: Int = 64) throws -> (z: Matrix, logDet: [Double]) {
        try check(x, cols: dimension, what: "flow input")
        guard x.rows > 0 else { throw FlowCoreError.invalidArgument(name: "sample count", value: "0", reason: "need ≥ 1 row") }
        return forward(x, on: makeEngine(rows: x.rows, capacity: tileRows) as FlowEngine<Float>)
    }
}
