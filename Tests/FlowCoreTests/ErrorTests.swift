import XCTest
@testable import FlowCore

/// Bad input gives typed errors that name the problem, never a crash.
final class ErrorTests: XCTestCase {
    func assertInvalid(_ name: String, _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard case let FlowCoreError.invalidArgument(n, _, _) = error else {
                return XCTFail("expected invalidArgument(\(name)), got \(error)", file: file, line: line)
            }
            XCTAssertEqual(n, name, file: file, line: line)
        }
    }

    func testBadHyperparameters() {
        var rng = SeededGenerator(seed: 41)
        assertInvalid("learningRate") { try AdamConfig(learningRate: 0).validate() }
        assertInvalid("learningRate") { try AdamConfig(learningRate: -1).validate() }
        assertInvalid("beta2") { try AdamConfig(beta2: 1).validate() }
        assertInvalid("batchSize") { try TrainingConfig(batchSize: 0).validate() }
        assertInvalid("steps") { try TrainingConfig(steps: 0).validate() }
        assertInvalid("every") { try StepDecay(gamma: 0.9, every: 0).validate() }
        assertInvalid("hidden width") { _ = try MLP(inputCount: 1, outputCount: 2, hiddenWidths: [0], using: &rng) }
        assertInvalid("inputCount") { _ = try MLP(inputCount: 0, outputCount: 2, hiddenWidths: [4], using: &rng) }
        assertInvalid("soft clamp constant") {
            _ = try AffineCoupling(passiveCount: 1, activeCount: 1, hiddenWidths: [4], clamp: .tanh(0), using: &rng)
        }
        assertInvalid("passive/active counts") { _ = try AffineCoupling(passiveCount: 0, activeCount: 2, hiddenWidths: [4], using: &rng) }
        assertInvalid("covariances[0]") {
            _ = try GaussianMixture2D(weights: [1], means: [[0, 0]], covariances: [[[1, 2], [2, 1]]])
        }
        assertInvalid("weights") { _ = try GaussianMixture2D(weights: [-1], means: [[0, 0]], covariances: [[[1, 0], [0, 1]]]) }
        assertInvalid("delta") { _ = try GaussianMixture2D.example4(delta: 1) }
        assertInvalid("halfWidth") { _ = try UniformSquare(halfWidth: 0) }
        assertInvalid("dimension") { _ = try haarOrthogonal(dimension: 0, using: &rng) }
    }

    func testShapesAndNonFiniteInputs() throws {
        var rng = SeededGenerator(seed: 42)
        var flow = try Flow(dimension: 2)
        try flow.appendBlock(rotation: Matrix.identity(2), passiveCount: 1, hiddenWidths: [8], using: &rng)
        XCTAssertThrowsError(try flow.forward(Matrix(rows: 3, cols: 3))) { error in
            guard case FlowCoreError.shapeMismatch = error else { return XCTFail("\(error)") }
        }
        var bad = Matrix(rows: 2, cols: 2)
        bad[1, 0] = .nan
        XCTAssertThrowsError(try flow.forward(bad)) { XCTAssertEqual($0 as? FlowCoreError, .nonFinite(what: "flow input")) }
        XCTAssertThrowsError(try flow.setParameters([1, 2, 3])) { error in
            guard case FlowCoreError.shapeMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try FlowBlock(rotation: Matrix.identity(3), coupling: flow.blocks[0].coupling))
        XCTAssertThrowsError(try FlowBlock(rotation: try Matrix(rows: 2, cols: 2, values: [1, 1, 0, 1]), coupling: flow.blocks[0].coupling))
        var source = DensitySource(density: WDensity())
        assertInvalid("trainable blocks") {
            _ = try FlowTrainer.train(&flow, source: &source, config: TrainingConfig(steps: 1, batchSize: 4),
                                      trainableBlocks: 1..<2, using: &rng)
        }
        var tiny = try DatasetSource(data: Matrix(rows: 3, cols: 2))
        assertInvalid("batch size") { _ = try tiny.nextBatch(size: 4, using: &rng) }
        var wrongDim = DensitySource(density: ToyDensity(kind: .moons))
        var flow3 = try Flow(dimension: 3)
        try flow3.appendBlock(rotation: Matrix.identity(3), passiveCount: 1, hiddenWidths: [4], using: &rng)
        XCTAssertThrowsError(try FlowTrainer.train(&flow3, source: &wrongDim, config: TrainingConfig(steps: 1, batchSize: 4), using: &rng))
    }

    /// Data so large that ½‖z‖² overflows Float: training must throw `diverged` and leave the flow unchanged.
    func testDivergenceIsATypedError() throws {
        var rng = SeededGenerator(seed: 43)
        var flow = try Flow(dimension: 2)
        try flow.appendBlock(rotation: Matrix.identity(2), passiveCount: 1, hiddenWidths: [8], using: &rng)
        let before = flow
        var huge = Matrix(rows: 8, cols: 2)
        for k in huge.values.indices { huge.values[k] = 1e30 }
        var source = try DatasetSource(data: huge)
        XCTAssertThrowsError(try FlowTrainer.train(&flow, source: &source, config: TrainingConfig(steps: 3, batchSize: 4), using: &rng)) { error in
            guard case FlowCoreError.diverged(step: 0, _) = error else { return XCTFail("expected diverged at step 0, got \(error)") }
        }
        XCTAssertEqual(flow, before)
    }
}
