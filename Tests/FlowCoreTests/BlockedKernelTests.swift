import XCTest
@testable import FlowCore
import FlowKernels

/// The register-blocked kernels (`GemmKernels`, the vectorised Adam) and the wide-subnet paths they serve:
/// exact agreement with plain loops, finite-difference gradients of [64, 64] subnets and deep flows, and
/// training results that do not depend on the tile size.
final class BlockedKernelTests: XCTestCase {
    // Finite-difference helpers: FiniteDifferenceSupport.swift; the plain-loop product: TestSupport.swift.

    func checkMultiply<T: FlowScalar>(_: T.Type, rows: Int, cols: Int, depth: Int, transposedA: Bool, mode: Int,
                                      tiling: GemmTiling = RegisterFile.target.gemmTiling, _ rng: inout SeededGenerator) {
        let lda = transposedA ? rows : depth, ldb = cols + 3, ldc = cols + 1   // padded strides catch stride bugs
        let aRow = transposedA ? 1 : lda, aCol = transposedA ? lda : 1
        let a = (0..<max(rows * depth, 1) + lda).map { _ in T(rng.normal()) }
        let b = (0..<(max(depth, 1) * ldb)).map { _ in T(rng.normal()) }
        let c0 = (0..<(max(rows, 1) * ldc)).map { _ in T(rng.normal()) }
        let bias = mode == 1 ? (0..<cols).map { _ in T(rng.normal()) } : nil
        let expected = plainProduct(rows: rows, cols: cols, depth: depth, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb,
                                 c: c0, ldc: ldc, bias: bias, accumulate: mode == 2)
        var c = c0
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    if let bias {
                        bias.withUnsafeBufferPointer { biasp in
                            GemmKernels.multiply(rows: rows, cols: cols, depth: depth, a: ap.baseAddress!, aRow: aRow, aCol: aCol,
                                                 b: bp.baseAddress!, ldb: ldb, c: cp.baseAddress!, ldc: ldc,
                                                 bias: biasp.baseAddress!, accumulate: false, tiling: tiling)
                        }
                    } else {
                        GemmKernels.multiply(rows: rows, cols: cols, depth: depth, a: ap.baseAddress!, aRow: aRow, aCol: aCol,
                                             b: bp.baseAddress!, ldb: ldb, c: cp.baseAddress!, ldc: ldc,
                                             bias: nil, accumulate: mode == 2, tiling: tiling)
                    }
                }
            }
        }
        XCTAssertEqual(c.map(\.bitPattern64), expected.map(\.bitPattern64),
                       "\(T.self) \(tiling) rows \(rows) cols \(cols) depth \(depth) Aᵀ \(transposedA) mode \(mode)")
    }

    /// Every path of the blocked product, for every register tiling (`GemmTiling`: each target uses one, and all
    /// are plain Swift, so every build runs all of them): row blocks of 4 and 6 and their remainders (2-row
    /// strips, single rows), 64/16/8-column chunks and scalar tails, both A layouts, and the three ways C starts
    /// (0, bias, accumulate). Each element must carry the bits of the plain loop's one-FMA-per-term sum, so the
    /// tilings agree with each other bit for bit. Row counts 32 and 64 are the deep trainer's tiles and ∂W rows.
    func testEveryTilingMatchesPlainLoopsBitForBit() {
        var rng = SeededGenerator(seed: 21)
        for tiling in GemmTiling.allCases {
            for rows in [1, 2, 3, 4, 5, 6, 7, 8, 11, 13, 32, 64] {
                for cols in [1, 8, 15, 16, 17, 24, 40, 64, 65, 80, 130] {
                    for depth in [0, 1, 2, 7, 64] where rows < 64 || cols == 64 {
                        for transposedA in [false, true] {
                            for mode in 0..<3 {
                                checkMultiply(Float.self, rows: rows, cols: cols, depth: depth, transposedA: transposedA, mode: mode,
                                              tiling: tiling, &rng)
                            }
                        }
                    }
                }
            }
            checkMultiply(Double.self, rows: 9, cols: 80, depth: 33, transposedA: false, mode: 1, tiling: tiling, &rng)
            checkMultiply(Double.self, rows: 70, cols: 64, depth: 9, transposedA: true, mode: 2, tiling: tiling, &rng)
        }
    }

    /// This build picks the tiling that fits its register file (the test states which one ran).
    func testTargetTilingFitsTheRegisterFile() {
        let target = RegisterFile.target
        print("RegisterFile.target = \(target.rawValue): \(target.registerCount) × \(32 * target.floatLanes)-bit, tiling \(target.gemmTiling)")
        switch target {
        case .avx512: XCTAssertEqual(target.gemmTiling, .rows4cols64)
        case .avx2, .neon, .baseline: XCTAssertEqual(target.gemmTiling, .rows6cols16)
        }
        #if arch(x86_64)
        XCTAssertNotEqual(target, .neon)
        #elseif arch(arm64)
        XCTAssertEqual(target, .neon)
        #endif
    }

    /// The x86 vector width the C header reports decides the register file (an AVX2 build on an AVX-512 machine
    /// must get the AVX2 tiles).
    func testX86VectorWidthChoosesTheRegisterFile() {
        XCTAssertEqual(RegisterFile.x86(vectorBits: 512), .avx512)
        XCTAssertEqual(RegisterFile.x86(vectorBits: 256), .avx2)
        XCTAssertEqual(RegisterFile.x86(vectorBits: 128), .baseline)
        XCTAssertEqual(RegisterFile.x86(vectorBits: 256).gemmTiling, .rows6cols16)
    }

    /// The forward ReLU epilogue of the blocked product gives z > 0 ? z : 0 bit for bit, NaN (→ +0) and
    /// −0 (→ +0) included, for 64-column blocks and remainders. (A ReLU fused into the accumulators' stores
    /// with `pointwiseMax` was tried: the generic call was not inlined and the step became 2.6× slower.)
    func testForwardReluEpilogueMatchesScalarRelu() {
        var rng = SeededGenerator(seed: 23)
        for (rows, cols, depth) in [(8, 64, 7), (5, 128, 3), (6, 64, 0), (3, 80, 5), (9, 256, 2)] {
            let ldc = cols + 1
            var a = (0..<(rows * max(depth, 1))).map { _ in Float(rng.normal()) }
            if depth > 0 { a[0] = .nan }                                            // row 0: NaN pre-activations
            let b = (0..<(max(depth, 1) * cols)).map { _ in Float(rng.normal()) }
            let bias = (0..<cols).map { j in j % 5 == 0 ? Float(-0.0) : Float(rng.normal()) }   // depth 0: −0 outputs
            let expected = plainProduct(rows: rows, cols: cols, depth: depth, a: a, aRow: max(depth, 1), aCol: 1, b: b, ldb: cols,
                                     c: [Float](repeating: 0, count: rows * ldc), ldc: ldc, bias: bias, accumulate: false)
            var c = [Float](repeating: 0, count: rows * ldc), post = [Float](repeating: 7, count: rows * ldc)
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in bias.withUnsafeBufferPointer { biasp in
                c.withUnsafeMutableBufferPointer { cp in post.withUnsafeMutableBufferPointer { pp in
                    GemmKernels.multiply(rows: rows, cols: cols, depth: depth, a: ap.baseAddress!, aRow: max(depth, 1), aCol: 1,
                                         b: bp.baseAddress!, ldb: cols, c: cp.baseAddress!, ldc: ldc, bias: biasp.baseAddress!,
                                         accumulate: false, epilogue: .forward(.relu, post: pp.baseAddress!))
                } }
            } } }
            for r in 0..<rows {
                for j in 0..<cols {
                    let k = r * ldc + j, z = expected[k]
                    XCTAssertEqual(c[k].bitPattern, z.bitPattern, "pre-activation r \(r) c \(j), cols \(cols)")
                    XCTAssertEqual(post[k].bitPattern, (z > 0 ? z : 0).bitPattern, "ReLU r \(r) c \(j), cols \(cols)")
                }
            }
            XCTAssertTrue(depth == 0 || c[0].isNaN, "the NaN case was exercised")
            XCTAssertTrue(depth > 0 || c[0].sign == .minus, "the −0 case was exercised")
        }
    }

    /// The 16-lane Adam update gives the scalar formula's bits (lanes and tail), and the finiteness scan
    /// finds a NaN or ∞ anywhere.
    func testVectorisedAdamMatchesScalarFormula() {
        var rng = SeededGenerator(seed: 22)
        let n = 37, config = AdamConfig(learningRate: 0.01, weightDecay: 0.1)
        var p = (0..<n).map { _ in Float(rng.normal()) }, m = p.map { $0 * 0.1 }, v = p.map { $0 * $0 }
        let g = (0..<n).map { _ in Float(rng.normal()) }
        var (pe, me, ve) = (p, m, v)
        let t = 3
        let b1 = Float(config.beta1), b2 = Float(config.beta2), eps = Float(config.epsilon), wd = Float(config.weightDecay)
        let stepSize = Float(0.01 / (1 - pow(config.beta1, Double(t))))
        let inv = Float(1 / (1 - pow(config.beta2, Double(t))).squareRoot())
        for k in 0..<n {
            let gk = g[k] + wd * pe[k]
            me[k] = b1 * me[k] + (1 - b1) * gk
            ve[k] = b2 * ve[k] + (1 - b2) * gk * gk
            pe[k] -= stepSize * me[k] / (ve[k].squareRoot() * inv + eps)
        }
        AdamKernel.update(parameters: &p, gradient: g, m: &m, v: &v, count: n, step: t, learningRate: 0.01, config: config)
        XCTAssertEqual(p, pe)
        XCTAssertEqual(m, me)
        XCTAssertEqual(v, ve)
        XCTAssertTrue(AdamKernel.allFinite(g, count: n))
        for bad in [Float.nan, .infinity, -.infinity] {
            for k in [0, 15, 16, 36] {
                var h = g
                h[k] = bad
                XCTAssertFalse(AdamKernel.allFinite(h, count: n), "\(bad) at \(k)")
            }
        }
    }

    /// Central differences on the [64, 64] subnet shape the deep flows use, with a row count that is not a
    /// multiple of the 4-row block, for ReLU (the benchmarked case) and tanh (smooth).
    func testWideSubnetGradients() throws {
        for act in [Activation.relu, .tanh] {
            var rng = SeededGenerator(seed: 23)
            let net = try randomized(MLP(inputCount: 1, outputCount: 2, hiddenWidths: [64, 64], activation: act, using: &rng),
                                        &rng, scale: 0.2)
            try assertMLPGradients(net, rows: 7, &rng, "MLP[64, 64](\(act))")
        }
        // Widths that are not multiples of 16 (column tails) and a 20-input layer (blocked input gradient).
        var rng = SeededGenerator(seed: 24)
        let net = try randomized(MLP(inputCount: 3, outputCount: 4, hiddenWidths: [20, 36, 17], activation: .tanh, using: &rng),
                                    &rng, scale: 0.3)
        try assertMLPGradients(net, rows: 6, &rng, "MLP[20, 36, 17]")
    }

    /// The narrow two-output layer (`NarrowKernels.forwardPair`): 16-lane chunks plus a scalar tail
    /// (inputs 37 = 2·16 + 5), 4-row blocks plus remainder rows (7 rows), against central differences.
    func testNarrowPairLayerGradients() throws {
        var rng = SeededGenerator(seed: 28)
        let net = try randomized(MLP(inputCount: 2, outputCount: 2, hiddenWidths: [37], activation: .tanh, using: &rng),
                                 &rng, scale: 0.3)
        let x = randomMatrix(7, 2, &rng), w = randomMatrix(7, 2, &rng)
        func objective(_ n: MLP, _ x: Matrix) throws -> Double {
            zip(try n.forward(x).values, w.values).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let (gTheta, gX) = try net.backward(x, outputGradient: w)
        try assertGradient(gTheta, { k, h in
            var n = net; var p = n.parameters; p[k] += h; try n.setParameters(p); return try objective(n, x)
        }, "MLP[37] → 2 ∂/∂θ")
        try assertGradient(gX.values, { k, h in
            var xx = x; xx.values[k] += h; return try objective(net, xx)
        }, "MLP[37] → 2 ∂/∂x")
        // The same rows one at a time (remainder path) give the same bits as in 4-row blocks.
        let all = try net.forward(x)
        for r in 0..<x.rows {
            let one = try net.forward(Matrix(rows: 1, cols: 2, values: x.row(r)))
            XCTAssertEqual(one.values, all.row(r), "row \(r)")
        }
    }

    /// A 3-block 2D flow of the benchmarked kind ([64, 64] ReLU subnets, atan clamp) on 11 rows: the
    /// ML-loss gradient of all blocks and of the last block alone against central differences.
    func testDeepFlowLossGradient() throws {
        var rng = SeededGenerator(seed: 25)
        var flow = try Flow(dimension: 2)
        for _ in 0..<3 {
            try flow.appendBlock(rotation: haarOrthogonal(dimension: 2, special: true, using: &rng), passiveCount: 1,
                                 hiddenWidths: [64, 64], activation: .relu, clamp: .atan(2), using: &rng)
        }
        try flow.setParameters(flow.parameters.map { _ in 0.15 * rng.normal() })
        let x = randomMatrix(11, 2, &rng)
        let (_, g) = try flow.mlLossAndGradient(x)
        // Every 5th parameter keeps the test fast; the stride is coprime to the layer sizes, so all
        // layers and biases of every block are hit.
        let picked = Array(stride(from: 0, to: g.count, by: 5))
        try assertGradient(picked.map { g[$0] }, { i, h in
            var f = flow; var p = f.parameters; p[picked[i]] += h; try f.setParameters(p); return try f.mlLoss(x)
        }, "deep flow ∂ML/∂θ")
        let (_, gLast) = try flow.mlLossAndGradient(x, trainableBlocks: 2..<3)
        let start = 2 * flow.blocks[0].coupling.parameterCount
        XCTAssert(gLast[..<start].allSatisfy { $0 == 0 }, "frozen blocks must get no gradient")
        for k in start..<g.count { XCTAssertEqual(gLast[k], g[k], accuracy: 1e-12) }
    }

    /// Training is bit-identical for any tile size (every sum over rows runs in row order across tiles),
    /// including tiles that leave a remainder of the 4-row block, and allocates no new batch per step.
    func testTrainingDoesNotDependOnTileRows() throws {
        func run(tileRows: Int) throws -> ([Double], Flow) {
            var rng = SeededGenerator(seed: 26)
            var flow = try Flow(dimension: 2)
            for _ in 0..<2 {
                try flow.appendBlock(rotation: haarOrthogonal(dimension: 2, special: true, using: &rng), passiveCount: 1,
                                     hiddenWidths: [64, 64], activation: .relu, clamp: .atan(2), using: &rng)
            }
            var source = DensitySource(density: ToyDensity(kind: .moons))
            let config = TrainingConfig(steps: 6, batchSize: 50, adam: AdamConfig(learningRate: 1e-3), tileRows: tileRows)
            let h = try FlowTrainer.train(&flow, source: &source, config: config, using: &rng)
            return (h, flow)
        }
        let (h64, f64) = try run(tileRows: 64)
        for tile in [1, 5, 7, 32] {
            let (h, f) = try run(tileRows: tile)
            XCTAssertEqual(h, h64, "tile \(tile)")
            XCTAssertEqual(f, f64, "tile \(tile)")
        }
    }

    /// Sampling into a reused matrix gives the same values as a fresh sample.
    func testSampleIntoMatchesSample() throws {
        for d in [WDensity(), ToyDensity(kind: .moons)] as [any Density] {
            var a = SeededGenerator(seed: 27), b = SeededGenerator(seed: 27)
            var reused = Matrix(rows: 3, cols: 2)
            for count in [10, 10, 4] {
                try d.sample(count: count, into: &reused, using: &a)
                XCTAssertEqual(reused, try d.sample(count: count, using: &b), d.name)
            }
        }
    }
}

/// The 16-lane ReLU loops give exactly `z > 0 ? z : 0` and `pre > 0 ? g : 0` per element — including
/// −0, NaN and ±∞, and the scalar tail of lengths that are not a multiple of 16.
final class ReluKernelTests: XCTestCase {
    private func check<T: FlowScalar>(_: T.Type) {
        let specials: [T] = [0, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1, -1]
        var rng = SeededGenerator(seed: 5)
        for n in [0, 1, 15, 16, 17, 37, 64, 100] {
            let pre: [T] = (0..<n).map { i in i % 3 == 0 ? specials[(i / 3) % specials.count] : T(rng.normal()) }
            let grad: [T] = (0..<n).map { _ in T(rng.normal()) }
            var post = [T](repeating: 7, count: n), g = grad
            pre.withUnsafeBufferPointer { p in
                post.withUnsafeMutableBufferPointer { q in
                    if n > 0 { ActivationKernels.forward(.relu, pre: p.baseAddress!, post: q.baseAddress!, n) }
                }
                g.withUnsafeMutableBufferPointer { q in
                    if n > 0 { ActivationKernels.backward(.relu, pre: p.baseAddress!, post: p.baseAddress!, grad: q.baseAddress!, n) }
                }
            }
            for k in 0..<n {
                let z = pre[k]
                let f: T = z > 0 ? z : 0, d: T = z > 0 ? grad[k] : 0
                // Same value and same sign (so −0 and +0 differ; the rule never yields NaN).
                XCTAssertTrue(post[k] == f && post[k].sign == f.sign, "\(T.self) forward n=\(n) k=\(k) z=\(z): \(post[k])")
                XCTAssertTrue(g[k] == d && g[k].sign == d.sign, "\(T.self) backward n=\(n) k=\(k) z=\(z): \(g[k])")
            }
        }
    }

    func testFloatAndDoubleMatchTheScalarRule() {
        check(Float.self)
        check(Double.self)
    }
}
