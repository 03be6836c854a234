import XCTest
import Foundation
@testable import FlowCore

/// Example 1 end to end: a single coupling trained on fresh W samples approaches the Theorem 1 minimum.
/// Runs only in release test builds (`swift test -c release -Xswiftc -enable-testing …`): about 1500 steps
/// of batch 4096 take ~1–2 s there and minutes in a debug build.
final class TrainingExample1Tests: XCTestCase {
    /// Allowed gap to the Theorem 1 minimum after 1500 steps (the goal is 0.03 after the paper's
    /// 4096 steps; 1500 steps keep the test short). Held-out standard error on 2^16 samples is ≈ 0.003.
    let gapTolerance = 0.05

    func testExample1ReachesTheorem1Minimum() throws {
        #if DEBUG
        throw XCTSkip("training test runs in release builds only")
        #else
        // Theorem 1 minimum of the ML loss at Q = I (Eq. 20 with Lemma 1 inserted into Eq. 8):
        // E[½p²] + E[½ a′²] − E[s] = (1/2)(4/3) + 1/2 + E_p[log σ(p)], p ~ U[−2, 2].
        let meanLogStd = simpson(-2, 2, 4000) { log((3 - cos(8 * Double.pi / 3 * $0)) / 8) } / 4
        let minimum = 2.0 / 3 + 0.5 + meanLogStd
        XCTAssertEqual(minimum, 0.1738, accuracy: 5e-5, "the issue quotes 0.1738 nats")

        var rng = SeededGenerator(seed: 2020)
        var flow = try Flow(dimension: 2)
        try flow.appendBlock(rotation: Matrix.identity(2), passiveCount: 1, hiddenWidths: [256], activation: .relu, using: &rng)
        var source = DensitySource(density: WDensity())
        let config = TrainingConfig(steps: 1500, batchSize: 4096, adam: AdamConfig(learningRate: 0.01),
                                    schedule: StepDecay(gamma: 0.9, every: 100))
        let start = Date()
        let history = try FlowTrainer.train(&flow, source: &source, config: config, using: &rng)
        let seconds = Date().timeIntervalSince(start)
        let heldOut = try flow.mlLoss(WDensity().sample(count: 1 << 16, using: &rng))
        print(String(format: "Example 1: held-out ML loss %.4f, minimum %.4f, gap %.4f, %.3f ms/step",
                     heldOut, minimum, heldOut - minimum, seconds * 1000 / Double(config.steps)))
        XCTAssertEqual(history.count, config.steps)
        XCTAssertGreaterThanOrEqual(heldOut, minimum - 0.01, "no model beats the Theorem 1 bound (beyond sampling noise)")
        XCTAssertLessThanOrEqual(heldOut - minimum, gapTolerance)

        // Lemma 1 read-out on 401 points of p: e^{−s} ≈ σ(p), −t·e^{−s} ≈ m(p) (Eqs. 9–10).
        var grid = Matrix(rows: 401, cols: 1)
        for i in 0..<401 { grid[i, 0] = -2 + 4 * Double(i) / 400 }
        let (s, t) = try flow.blocks[0].coupling.scaleAndShift(passive: grid)
        var meanSq = 0.0, stdSq = 0.0
        for i in 0..<401 {
            let p = grid[i, 0], sigma = exp(-s[i, 0])
            stdSq += pow(sigma - (3 - cos(8 * Double.pi / 3 * p)) / 8, 2) / 401
            meanSq += pow(-t[i, 0] * sigma - 0.5 * cos(Double.pi * p), 2) / 401
        }
        print(String(format: "Example 1 Lemma 1 read-out: mean RMSE %.4f, std RMSE %.4f", meanSq.squareRoot(), stdSq.squareRoot()))
        // Reported, not asserted: after 1500 steps the read-out is still coarse (≈ 0.05 RMSE measured);
        // the Lemma 1 checks with the paper's 4096 steps belong to CouplingTheory / the ex1 stage.
        XCTAssert(meanSq.isFinite && stdSq.isFinite, "read-out must be finite")
        #endif
    }
}
