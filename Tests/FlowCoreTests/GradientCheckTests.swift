import XCTest
@testable import FlowCore

/// Hand-written gradients against central finite differences, in Double.
final class GradientCheckTests: XCTestCase {
    // Helpers (randomMatrix, randomized, assertGradient, assertMLPGradients): FiniteDifferenceSupport.swift.

    func testMLPGradientsForEveryActivation() throws {
        // relu/leakyRelu are piecewise linear: a central difference straddles a kink only if a pre-activation
        // lies within h = 1e-6 of 0, which these random inputs (fixed seed) do not produce.
        for act in Activation.allCases {
            var rng = SeededGenerator(seed: 11)
            let net = try randomized(MLP(inputCount: 3, outputCount: 4, hiddenWidths: [5, 20], activation: act, using: &rng), &rng)
            try assertMLPGradients(net, rows: 7, &rng, "MLP(\(act))")
        }
    }

    func testCouplingGradientsForEveryClamp() throws {
        for clamp in [SoftClamp.none, .tanh(2), .atan(1.5)] {
            var rng = SeededGenerator(seed: 12)
            var c = try AffineCoupling(passiveCount: 2, activeCount: 2, hiddenWidths: [16], activation: .tanh, clamp: clamp, using: &rng)
            c.subnet = try randomized(c.subnet, &rng)
            let x = randomMatrix(6, 4, &rng), w = randomMatrix(6, 4, &rng)
            let wLog = (0..<6).map { _ in rng.normal() }
            func objective(_ c: AffineCoupling, _ x: Matrix) throws -> Double {
                let (y, ld) = try c.forward(x)
                return zip(y.values, w.values).reduce(0) { $0 + $1.0 * $1.1 } + zip(ld, wLog).reduce(0) { $0 + $1.0 * $1.1 }
            }
            let (gTheta, gX) = try c.backward(x, outputGradient: w, logDetGradient: wLog)
            try assertGradient(gTheta, { k, h in
                var cc = c; var p = cc.subnet.parameters; p[k] += h; try cc.subnet.setParameters(p); return try objective(cc, x)
            }, "coupling(\(clamp)) ∂/∂θ")
            try assertGradient(gX.values, { k, h in
                var xx = x; xx.values[k] += h; return try objective(c, xx)
            }, "coupling(\(clamp)) ∂/∂x")
        }
    }

    /// A 3-block 3D flow with Haar rotations, mixed passive counts and a ReLU subnet: ML-loss gradient
    /// for all blocks and for the last two only (the first block's gradient must then be zero).
    func testFlowLossGradientThreeBlocks() throws {
        var rng = SeededGenerator(seed: 13)
        var flow = try Flow(dimension: 3)
        for (b, dp) in [1, 2, 1].enumerated() {
            try flow.appendBlock(rotation: haarOrthogonal(dimension: 3, using: &rng), passiveCount: dp,
                                 hiddenWidths: [12, 8], activation: b == 1 ? .relu : .softplus, clamp: .tanh(3), using: &rng)
        }
        try flow.setParameters(flow.parameters.map { _ in 0.3 * rng.normal() })
        let x = randomMatrix(9, 3, &rng)
        let (_, g) = try flow.mlLossAndGradient(x)
        try assertGradient(g, { k, h in
            var f = flow; var p = f.parameters; p[k] += h; try f.setParameters(p); return try f.mlLoss(x)
        }, "flow ∂ML/∂θ")
        let (_, gTail) = try flow.mlLossAndGradient(x, trainableBlocks: 1..<3)
        let firstCount = flow.blocks[0].coupling.parameterCount
        XCTAssert(gTail[..<firstCount].allSatisfy { $0 == 0 }, "frozen block must get no gradient")
        for k in firstCount..<g.count { XCTAssertEqual(gTail[k], g[k], accuracy: 1e-12) }
    }
}

