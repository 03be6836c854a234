import XCTest
@testable import FlowCore

/// `FlowTrainer.train`'s observer: called at the right steps with the flow as it is at that step.
final class TrainerObserverTests: XCTestCase {
    /// A small two-block flow and a fixed schedule (decay inside the run, so the step index matters).
    func makeFlow(seed: UInt64) throws -> Flow {
        var rng = SeededGenerator(seed: seed)
        var flow = try Flow(dimension: 2)
        try flow.appendBlock(rotation: Rotation2D.matrix(degrees: 30), passiveCount: 1, hiddenWidths: [8], using: &rng)
        try flow.appendBlock(rotation: Rotation2D.matrix(degrees: 75), passiveCount: 1, hiddenWidths: [8], using: &rng)
        return flow
    }

    func config(steps: Int) -> TrainingConfig {
        TrainingConfig(steps: steps, batchSize: 32, adam: AdamConfig(learningRate: 0.01), schedule: StepDecay(gamma: 0.5, every: 4))
    }

    func train(steps: Int, observer: TrainingObserver? = nil) throws -> (Flow, [Double]) {
        var flow = try makeFlow(seed: 3)
        var rng = SeededGenerator(seed: 4)
        var source = DensitySource(density: WDensity())
        let history = try FlowTrainer.train(&flow, source: &source, config: config(steps: steps), observer: observer, using: &rng)
        return (flow, history)
    }

    func testObserverIsCalledEveryKStepsAndAfterTheLast() throws {
        // 10 steps, every 3: after steps 3, 6, 9 and the last one, 10.
        var seen: [Int] = []
        _ = try train(steps: 10, observer: TrainingObserver(every: 3) { step, _ in seen.append(step) })
        XCTAssertEqual(seen, [3, 6, 9, 10])
        // every divides the step count: the last step is not reported twice.
        seen = []
        _ = try train(steps: 8, observer: TrainingObserver(every: 4) { step, _ in seen.append(step) })
        XCTAssertEqual(seen, [4, 8])
    }

    func testObservedFlowAtTheLastStepEqualsTheReturnedFlow() throws {
        var last: Flow?
        let (trained, _) = try train(steps: 10, observer: TrainingObserver(every: 3) { _, flow in last = flow })
        XCTAssertEqual(try XCTUnwrap(last), trained)
    }

    func testObservedFlowAtStepKEqualsAFreshRunOfKSteps() throws {
        // Training is deterministic given the seeds and the schedule depends only on the step index, so the
        // flow seen after 6 of 10 steps must be the flow a 6-step run returns — bit for bit.
        var observed: [Int: Flow] = [:]
        _ = try train(steps: 10, observer: TrainingObserver(every: 3) { step, flow in observed[step] = flow })
        let (six, _) = try train(steps: 6)
        XCTAssertEqual(try XCTUnwrap(observed[6]), six)
        XCTAssertNotEqual(observed[3], observed[6], "the flow changes between observations")
        XCTAssertNotEqual(try XCTUnwrap(observed[3]).parameters, try makeFlow(seed: 3).parameters, "observed after training steps")
    }

    func testObserverDoesNotChangeTraining() throws {
        let (plain, h1) = try train(steps: 10)
        let (observed, h2) = try train(steps: 10, observer: TrainingObserver(every: 1) { _, _ in })
        XCTAssertEqual(h1, h2)
        XCTAssertEqual(plain, observed)
    }

    func testObserverErrorStopsTrainingAndLeavesTheFlowUnchanged() throws {
        struct Stop: Error {}
        var flow = try makeFlow(seed: 3)
        let initial = flow
        var rng = SeededGenerator(seed: 4)
        var source = DensitySource(density: WDensity())
        var calls = 0
        let observer = TrainingObserver(every: 2) { _, _ in calls += 1; throw Stop() }
        XCTAssertThrowsError(try FlowTrainer.train(&flow, source: &source, config: config(steps: 10), observer: observer, using: &rng)) {
            XCTAssertTrue($0 is Stop)
        }
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(flow, initial)
    }

    func testNonPositiveIntervalIsRejected() throws {
        var flow = try makeFlow(seed: 3)
        var rng = SeededGenerator(seed: 4)
        var source = DensitySource(density: WDensity())
        XCTAssertThrowsError(try FlowTrainer.train(&flow, source: &source, config: config(steps: 2),
                                                   observer: TrainingObserver(every: 0) { _, _ in }, using: &rng))
    }

    /// A steering observer's `.stop` ends the run where it observed: the history ends there, and the flow
    /// is the one a run of that many steps returns.
    func testStopDecisionEndsTheRunWithTheObservedFlow() throws {
        let observer = TrainingObserver.steering(every: 3) { step, _ in step == 6 ? .stop : .proceed }
        let (stopped, history) = try train(steps: 10, observer: observer)
        let (six, sixHistory) = try train(steps: 6)
        XCTAssertEqual(history, sixHistory)
        XCTAssertEqual(stopped, six)
    }

    /// `.scaleLearningRate` changes the steps after the observation only; a factor of 1 changes nothing.
    func testScaleDecisionChangesOnlyLaterSteps() throws {
        let (_, plain) = try train(steps: 10)
        let (_, unit) = try train(steps: 10, observer: .steering(every: 3) { _, _ in .scaleLearningRate(1) })
        XCTAssertEqual(unit, plain)
        let (_, halved) = try train(steps: 10, observer: .steering(every: 3) { step, _ in step == 3 ? .scaleLearningRate(0.5) : .proceed })
        XCTAssertEqual(Array(halved.prefix(4)), Array(plain.prefix(4)), "step 4's loss is taken before its update")
        XCTAssertNotEqual(halved[4...], plain[4...])
    }
}
