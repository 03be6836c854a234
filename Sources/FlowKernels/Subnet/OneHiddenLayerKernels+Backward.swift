extension OneHiddenLayerKernels {
    /// Accumulates the gradients of W₂ (2 × H, `gW2`), b₁ (`gB1`) and w₁ (`gW1`, H values) over the tile's rows,
    /// from ∂L/∂y (`dy`, rows × 2) and the forward pass's `hidden`; the input gradient is not formed.
    /// ∂L/∂b₂ is left to the caller (two sums; `VectorKernels.combineRows`).
    ///
    /// Two columns of hidden units run side by side, each with 4 accumulators and 2 operands: `wide`, 16 lanes
    /// each (12 of AVX-512's 32 zmm registers); otherwise 8 lanes each (12 of AVX2's 16 ymm, 24 of NEON's 32 q;
    /// 16-lane columns took 24 ymm and spilled). Each hidden unit's sums run over the rows in row order whatever
    /// the column width, so both give the same bits.
    @inline(never)
    @inlinable public static func backward<T: FlowScalar>(relu: Bool, p: UnsafePointer<T>, dy: UnsafePointer<T>, rows: Int, width n: Int,
                                        w2: UnsafePointer<T>, hidden: UnsafePointer<T>,
                                        gW2: UnsafeMutablePointer<T>, gB1: UnsafeMutablePointer<T>, gW1: UnsafeMutablePointer<T>,
                                        wide: Bool = RegisterFile.target.wideRowBlocks) {
        let g = ColumnGradients(g0: gW2, g1: gW2 + n, gB1: gB1, gW1: gW1)
        switch (relu, wide) {
        case (true, true): backwardColumns(SIMD16<T>.self, ReluUnits.self, p, dy, rows, n, w2, hidden, g)
        case (false, true): backwardColumns(SIMD16<T>.self, LeakyUnits.self, p, dy, rows, n, w2, hidden, g)
        case (true, false): backwardColumns(SIMD8<T>.self, ReluUnits.self, p, dy, rows, n, w2, hidden, g)
        case (false, false): backwardColumns(SIMD8<T>.self, LeakyUnits.self, p, dy, rows, n, w2, hidden, g)
        }
    }

    /// 2 · L.scalarCount hidden units at a time (two independent sets of accumulators), all rows for each.
    @inline(__always)
    @inlinable public static func backwardColumns<L: LaneVector, S: HiddenUnits>(_: L.Type, _: S.Type, _ p: UnsafePointer<L.Scalar>,
                                                                _ dy: UnsafePointer<L.Scalar>, _ rows: Int, _ n: Int,
                                                                _ w2: UnsafePointer<L.Scalar>, _ hidden: UnsafePointer<L.Scalar>,
                                                                _ g: ColumnGradients<L.Scalar>) {
        let lanes = L.scalarCount
        var k = 0
        while k &+ 2 &* lanes <= n {
            var cA = Column<L>(k, w2, n, g), cB = Column<L>(k &+ lanes, w2, n, g)
            var row = hidden
            for r in 0..<rows {
                let d0 = L(repeating: dy[r &* 2]), d1 = L(repeating: dy[r &* 2 &+ 1]), x = L(repeating: p[r])
                cA.add(S.self, L.load(row, k), d0, d1, x)
                cB.add(S.self, L.load(row, k &+ lanes), d0, d1, x)
                row += n
            }
            cA.store(k, g); cB.store(k &+ lanes, g)
            k &+= 2 &* lanes
        }
    }

    /// Where the parameter gradients accumulate: W₂'s two rows, b₁ and w₁.
    public struct ColumnGradients<T: FlowScalar> {
        public let g0: UnsafeMutablePointer<T>, g1: UnsafeMutablePointer<T>, gB1: UnsafeMutablePointer<T>, gW1: UnsafeMutablePointer<T>

        @inlinable
        public init(g0: UnsafeMutablePointer<T>, g1: UnsafeMutablePointer<T>, gB1: UnsafeMutablePointer<T>, gW1: UnsafeMutablePointer<T>) {
            self.g0 = g0; self.g1 = g1; self.gB1 = gB1; self.gW1 = gW1
        }
    }

    /// The running gradients of one column of hidden units and their two W₂ columns.
    public struct Column<L: LaneVector> {
        public var gw0: L, gw1: L, gb: L, gw: L
        public let u0: L, u1: L

        @inline(__always)
        @inlinable public init(_ k: Int, _ w2: UnsafePointer<L.Scalar>, _ n: Int, _ g: ColumnGradients<L.Scalar>) {
            gw0 = L.load(g.g0, k); gw1 = L.load(g.g1, k)
            gb = L.load(g.gB1, k); gw = L.load(g.gW1, k)
            u0 = L.load(w2, k); u1 = L.load(w2 + n, k)
        }

        /// One row: W₂'s gradient (`accumulateRowPair`), ∂L/∂z = (0 + d₀·u₀ + d₁·u₁) ⊙ f′ (the depth-2 shallow
        /// product), b₁'s gradient (`combineRows`) and w₁'s (the 1-row product Xᵀ·Δ).
        @inline(__always)
        @inlinable public mutating func add<S: HiddenUnits>(_: S.Type, _ h: L, _ d0: L, _ d1: L, _ x: L) {
            gw0 = gw0.addingProduct(d0, h); gw1 = gw1.addingProduct(d1, h)
            let dz = S.gradient(L().addingProduct(d0, u0).addingProduct(d1, u1), pre: h)
            gb += dz
            gw = gw.addingProduct(x, dz)
        }

        @inline(__always)
        @inlinable public func store(_ k: Int, _ g: ColumnGradients<L.Scalar>) {
            gw0.store(g.g0, k); gw1.store(g.g1, k)
            gb.store(g.gB1, k); gw.store(g.gW1, k)
        }
    }
}
