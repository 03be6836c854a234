@testable import CouplingTheory
import FlowCore
import XCTest

/// `couplinglab fit`'s builders against the library's one Algorithm 2 and end-to-end builder, bit for bit.
final class FitterEquivalenceTests: XCTestCase {
    func data() throws -> (train: Matrix, test: Matrix) {
        var rng = SeededGenerator(seed: 4)
        let density = try ToyDensity(kind: .moons)
        return (try density.sample(count: 400, using: &rng), try density.sample(count: 200, using: &rng))
    }

    func testLayerwiseFitMatchesLayerwiseConstruction() throws {
        let (train, test) = try data()
        var config = FitConfig(method: .lwOAS, layers: 3, seed: 1, stepsPerLayer: 30)
        config.hiddenWidths = [8]
        for policy in [FlowFitter.oasPolicy(train), .random] {
            var rngA = SeededGenerator(seed: 9), rngB = SeededGenerator(seed: 9)
            var reported: [Double] = []
            let a = try FlowFitter.layerwise(train: train, test: test, config: config, policy: policy, using: &rngA) { _, _, loss in reported.append(loss) }
            let plan = TrainingPlan(steps: 30, batchSize: min(config.batchSize, train.rows), learningRate: config.learningRate)
            let b = try LayerwiseConstruction.build(
                data: FreshSamples(try DatasetSource(data: train)), depth: 3, rotation: policy,
                fitter: TrainedBlockFitter(architecture: CouplingArchitecture(hiddenWidths: [8]), training: plan, scope: .layerwise(pool: train.rows)),
                heldOut: test, entropy: nil, using: &rngB)
            XCTAssertEqual(a, b.flow)
            XCTAssertEqual(reported, b.records.map(\.heldOutLoss))
        }
    }

    func testEndToEndFitMatchesEndToEndConstruction() throws {
        let (train, test) = try data()
        var config = FitConfig(method: .e2e, layers: 3, seed: 1, stepsPerLayer: 20)
        config.hiddenWidths = [8]
        var rngA = SeededGenerator(seed: 9), rngB = SeededGenerator(seed: 9)
        var reportedA: [Double] = [], reportedB: [Double] = []
        let a = try FlowFitter.endToEnd(train: train, test: test, config: config, using: &rngA) { _, _, loss in reportedA.append(loss) }
        let plan = TrainingPlan(steps: 60, batchSize: min(config.batchSize, train.rows), learningRate: config.learningRate, tracePoints: 10)
        let b = try EndToEndConstruction.build(source: DatasetSource(data: train), depth: 3, architecture: CouplingArchitecture(hiddenWidths: [8]),
                                               training: plan, heldOut: test, entropy: nil, validation: test, using: &rngB) { reportedB.append($0.loss) }
        XCTAssertEqual(a, b.flow)
        XCTAssertEqual(reportedA, reportedB)
    }

    func testClosedFormFitMatchesLayerwiseConstruction() throws {
        let (train, test) = try data()
        var rngA = SeededGenerator(seed: 9), rngB = SeededGenerator(seed: 9)
        let a = try ClosedFormConstruction.build(source: DatasetSource(data: train), heldOut: test, entropy: nil,
                                                 config: ClosedFormConstructionConfig(depth: 3, rotation: FlowFitter.oasPolicy(train), samplesPerLayer: train.rows),
                                                 using: &rngA)
        let b = try LayerwiseConstruction.build(data: FreshSamples(try DatasetSource(data: train)), depth: 3, rotation: FlowFitter.oasPolicy(train),
                                                fitter: ClosedFormBlockFitter(samplesPerLayer: train.rows), heldOut: test, entropy: nil, using: &rngB)
        XCTAssertEqual(a.flow, b.flow)
        XCTAssertEqual(a.records, b.records)
    }
}
