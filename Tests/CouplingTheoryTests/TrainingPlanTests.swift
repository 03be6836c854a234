import CouplingTheory
import FlowCore
import XCTest

/// The one training configuration (`TrainingPlan`), its schedule, the one convergence rule, and the
/// samplers Algorithm 2 draws from.
final class TrainingPlanTests: XCTestCase {
    func trace(_ losses: [Double], every: Int = 2) -> [TracePoint] {
        losses.enumerated().map { TracePoint(step: every * ($0.offset + 1), loss: $0.element) }
    }

    /// Quarters and thirds are values of one schedule: the decay falls every ⌊steps/parts⌋ steps.
    func testStepDecayCutsTheRunIntoParts() {
        XCTAssertEqual(TrainingSchedule.stepDecay(factor: 0.3, parts: 4).stepDecay(steps: 2000), StepDecay(gamma: 0.3, every: 500))
        XCTAssertEqual(TrainingSchedule.stepDecay(factor: 0.3, parts: 3).stepDecay(steps: 1500), StepDecay(gamma: 0.3, every: 500))
        XCTAssertEqual(TrainingSchedule.stepDecay(factor: 0.5, parts: 4).stepDecay(steps: 2), StepDecay(gamma: 0.5, every: 1))
        let plan = TrainingPlan(steps: 100, batchSize: 512, learningRate: 0.01)
        XCTAssertEqual(plan.trainerConfig.schedule.learningRate(base: 0.01, step: 99), 0.01, "constant")
        XCTAssertEqual(plan.batches(atMost: 300).batchSize, 300)
        XCTAssertEqual(plan.batches(atMost: 3000).batchSize, 512)
    }

    /// On a trace: the improvement from the first point at or after (tail − 1)/tail of the run to the last.
    func testConvergenceOnATraceReadsItsTail() {
        let quarter = ConvergenceRule(tolerance: 0.01, tail: 4)
        XCTAssertTrue(quarter.isConverged(trace([3, 2, 1.5, 1.495])))
        XCTAssertFalse(quarter.isConverged(trace([3, 2, 1.5, 1.48])))
        XCTAssertEqual(quarter.improvement(trace([3, 2, 1.5, 1.48]))!, 0.02, accuracy: 1e-12)
        // A tenth of a 20-point run starts at its 18th point: 1.1 → 1.0 is an improvement of 0.1.
        let tenth = ConvergenceRule(tolerance: 0.05, tail: 10)
        let falling: [Double] = (0..<17).map { 2 - 0.05 * Double($0) }
        let long = trace(falling + [1.1, 1.05, 1.0])
        XCTAssertEqual(tenth.improvement(long)!, 0.1, accuracy: 1e-12)
        XCTAssertFalse(tenth.isConverged(long))
        XCTAssertFalse(quarter.isConverged([]))
        XCTAssertFalse(quarter.isConverged(trace([1])), "one point is too short to judge")
    }

    /// On a per-step history: window means of n/tail steps; the last window against the one before.
    func testConvergenceOnAHistoryComparesWindowMeans() {
        let means = TracePoint.windowMeans(of: [1, 2, 3, 4, 5, 6, 7], window: 2)
        XCTAssertEqual(means, [TracePoint(step: 3, loss: 2.5), TracePoint(step: 5, loss: 4.5), TracePoint(step: 7, loss: 6.5)])
        let rule = ConvergenceRule(tolerance: 0.1, tail: 10)
        // 30 steps: windows of 3; the last two means are 1.2 and 1.0.
        let history = [Double](repeating: 2, count: 24) + [1.2, 1.2, 1.2, 1.0, 1.0, 1.0]
        XCTAssertFalse(rule.isConverged(history: history))
        XCTAssertTrue(ConvergenceRule(tolerance: 0.25, tail: 10).isConverged(history: history))
    }

    /// The trainer records the validation trace at evenly spaced steps and consults the schedule there.
    func testPlannedTrainingRecordsItsTrace() throws {
        var rng = SeededGenerator(seed: 2)
        var flow = try Flow(dimension: 2)
        try flow.appendBlock(rotation: .identity(2), architecture: CouplingArchitecture(hiddenWidths: [8]), using: &rng)
        let validation = try WDensity().sample(count: 256, using: &rng)
        var source = DensitySource(density: WDensity())
        var seen: [Int] = []
        let plan = TrainingPlan(steps: 12, batchSize: 64, learningRate: 1e-2, schedule: .stepDecay(factor: 0.5, parts: 4), tracePoints: 4)
        let outcome = try PlannedTraining.run(&flow, source: &source, plan: plan, validation: ValidationSamples(validation),
                                              onTracePoint: { seen.append($0.step) }, using: &rng)
        XCTAssertEqual(outcome.trainingLoss.count, 12)
        XCTAssertEqual(outcome.trace.map(\.step), [3, 6, 9, 12])
        XCTAssertEqual(seen, [3, 6, 9, 12])
        XCTAssertEqual(outcome.trace.last!.loss, try flow.mlLossFloat(validation), "the last point is the trained flow's loss")
    }

    func testAPlanThatCannotRunIsATypedError() {
        var flow = try! Flow(dimension: 2)
        var source = DensitySource(density: WDensity())
        var rng = SeededGenerator(seed: 1)
        let bad = TrainingPlan(steps: 10, batchSize: 8, learningRate: 1e-3, schedule: .stepDecay(factor: 0.5, parts: 0))
        XCTAssertThrowsError(try PlannedTraining.run(&flow, source: &source, plan: bad, using: &rng)) {
            XCTAssertTrue($0 is TheoryError, "\($0)")
        }
    }

    /// A fixed data set is pushed through the flow once per flow; a request takes its first rows.
    func testFixedSamplesHandOutTheFirstPushedRows() throws {
        var rng = SeededGenerator(seed: 5)
        let data = try WDensity().sample(count: 50, using: &rng)
        var fixed = try FixedSamples(data)
        let empty = try Flow(dimension: 2)
        XCTAssertEqual(try fixed.pushed(10, through: empty, precision: .float, using: &rng).values, Array(data.values.prefix(20)))
        XCTAssertEqual(try fixed.pushed(500, through: empty, precision: .float, using: &rng), data)
        var flow = empty
        try flow.appendBlock(rotation: OASCandidates.rotation2D(degrees: 30), architecture: CouplingArchitecture(hiddenWidths: [4]), using: &rng)
        let pushed = try fixed.pushed(50, through: flow, precision: .double, using: &rng)
        XCTAssertEqual(pushed, try flow.forward(data).z)
        XCTAssertThrowsError(try fixed.pushed(0, through: flow, precision: .float, using: &rng))
    }

    /// The general OAS as a rotation policy: its choice carries Δ̂ and the random start's Δ̂.
    func testGeneralOASPolicyRecordsTheStartItImprovedOn() throws {
        var rng = SeededGenerator(seed: 6)
        let w1 = try WDensity().sample(count: 600, using: &rng), w2 = try WDensity().sample(count: 600, using: &rng)
        var x = Matrix(rows: 600, cols: 4)
        for r in 0..<600 { x[r, 0] = w1[r, 0]; x[r, 1] = w1[r, 1]; x[r, 2] = w2[r, 0]; x[r, 3] = w2[r, 1] }
        var data = try FixedSamples(x)
        let policy = RotationPolicy.generalOAS(GeneralOASConfig(candidates: 6, stepsDeg: [20], maxSweeps: 1), sampleCount: 400)
        let choice = try policy.choose(after: Flow(dimension: 4), data: &data, passiveCount: 2, using: &rng)
        try OrthogonalMatrices.validateOrthogonal(choice.rotation, dimension: 4)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(choice.delta), try XCTUnwrap(choice.startDelta))
    }
}
