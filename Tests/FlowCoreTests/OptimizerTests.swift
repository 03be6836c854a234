import XCTest
@testable import FlowCore

final class OptimizerTests: XCTestCase {
    /// Adam's first step by hand. θ = (1, −2), g = (0.5, 0.1), η = 0.1, λ = 0.01, β = (0.9, 0.999), ε = 1e-8:
    /// g' = g + λθ = (0.51, 0.08); m = 0.1 g'; v = 0.001 g'²; m̂ = g', v̂ = g'², so
    /// θ₁ = θ − η g' / (|g'| + ε) = (1 − 0.1·0.51/(0.51 + 1e-8), −2 − 0.1·0.08/(0.08 + 1e-8)).
    /// Second step with the same raw gradient: g'' = g + λθ₁, m₂ = 0.9·m₁ + 0.1 g'', v₂ = 0.999 v₁ + 0.001 g''²,
    /// θ₂ = θ₁ − η (m₂/0.19) / (√(v₂/0.001999) + ε).
    func testAdamStepsMatchHandComputation() throws {
        var adam = try Adam(config: AdamConfig(learningRate: 0.1, weightDecay: 0.01), parameterCount: 2)
        var theta = [1.0, -2.0]
        let g = [0.5, 0.1]
        try adam.step(parameters: &theta, gradient: g)
        let expected1 = [1 - 0.1 * 0.51 / (0.51 + 1e-8), -2 - 0.1 * 0.08 / (0.08 + 1e-8)]
        XCTAssertEqual(theta[0], expected1[0], accuracy: 1e-14)
        XCTAssertEqual(theta[1], expected1[1], accuracy: 1e-14)
        try adam.step(parameters: &theta, gradient: g)
        for k in 0..<2 {
            let g1 = g[k] + 0.01 * [1.0, -2.0][k]
            let g2 = g[k] + 0.01 * expected1[k]
            let m2 = 0.9 * (0.1 * g1) + 0.1 * g2
            let v2 = 0.999 * (0.001 * g1 * g1) + 0.001 * g2 * g2
            let expected2 = expected1[k] - 0.1 * (m2 / (1 - 0.81)) / ((v2 / (1 - 0.999 * 0.999)).squareRoot() + 1e-8)
            XCTAssertEqual(theta[k], expected2, accuracy: 1e-14)
        }
    }

    func testStepDecay() {
        let s = StepDecay(gamma: 0.9, every: 100)
        XCTAssertEqual(s.learningRate(base: 0.1, step: 99), 0.1, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(base: 0.1, step: 100), 0.09, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(base: 0.1, step: 250), 0.081, accuracy: 1e-15)
    }
}
