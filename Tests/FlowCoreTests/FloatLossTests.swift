@testable import FlowCore
import XCTest

/// `Flow.mlLossFloat` (Float forward, Double sum) against the all-Double `mlLoss`.
final class FloatLossTests: XCTestCase {
    func testFloatLossAgreesWithDoubleLoss() throws {
        var rng = SeededGenerator(seed: 11)
        var flow = try Flow(dimension: 2)
        for k in 0..<4 {
            try flow.appendBlock(rotation: Rotation2D.matrix(degrees: 30 * Double(k)), passiveCount: 1, hiddenWidths: [16, 16],
                                 activation: .relu, clamp: .atan(2), using: &rng)
        }
        // Non-trivial parameters: the appended couplings start as the identity.
        var p = flow.parameters
        for k in p.indices { p[k] += 0.1 * rng.normal() }
        try flow.setParameters(p)
        let x = try ToyDensity(kind: .moons).sample(count: 1000, using: &rng)   // 1000: a partial last tile
        let double = try flow.mlLoss(x), float = try flow.mlLossFloat(x)
        XCTAssertNotEqual(double, try Flow(dimension: 2).mlLoss(x), "the flow is not the identity")
        XCTAssertEqual(float, double, accuracy: 1e-4 * max(1, abs(double)))
    }

    func testFloatLossRejectsEmptyAndMisshapenInput() throws {
        let flow = try Flow(dimension: 2)
        XCTAssertThrowsError(try flow.mlLossFloat(Matrix(rows: 0, cols: 2)))
        XCTAssertThrowsError(try flow.mlLossFloat(Matrix(rows: 3, cols: 3)))
    }
}
