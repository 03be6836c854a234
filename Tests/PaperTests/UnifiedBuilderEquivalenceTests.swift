import CouplingTheory
import FlowCore
import Foundation
@testable import Paper
import XCTest

/// The library's one Algorithm 2 (`LayerwiseConstruction`, `EndToEndConstruction`, `DeepJob`) against the
/// paths it replaces, bit for bit: the deep-suite jobs of ex6/ex7, ex8's closed-form builder, and ex9's
/// subspace flows and candidate couplings.
final class UnifiedBuilderEquivalenceTests: XCTestCase {
    func deepConfig(pool: Int?) -> DeepRunConfig {
        DeepRunConfig(depth: 3, stepsPerLayer: 24, progressiveSteps: 16, endToEndSteps: 40, endToEndStepsPerBlock: 10,
                      batchSize: 32, hiddenWidths: [8], learningRates: [3e-3], decayFactor: 0.3, seeds: 1,
                      oasAngles: 30, oasSamples: 512, oasBins: 8, heldOutCount: 512, validationCount: 256,
                      validationPoints: 8, convergenceTolerance: 0.01, layerwisePool: pool)
    }

    func newJob(_ old: Paper.DeepJob, _ c: DeepRunConfig, problem: CouplingTheory.DeepProblem) -> CouplingTheory.DeepJob {
        let method = CouplingTheory.DeepMethod(rawValue: old.method.rawValue)!
        let depth = old.endToEndDepth ?? c.depth
        let steps = method == .e2e ? c.endToEndSteps(depth: depth) : method.mode == .layerwise ? c.stepsPerLayer : c.progressiveSteps
        let plan = TrainingPlan(steps: steps, batchSize: c.batchSize, learningRate: c.learningRates[old.lrIndex],
                                schedule: .stepDecay(factor: c.decayFactor, parts: 4), tracePoints: c.validationPoints,
                                convergence: ConvergenceRule(tolerance: c.convergenceTolerance, tail: 4))
        return CouplingTheory.DeepJob(
            problem: problem, heldOutCount: c.heldOutCount, validationCount: c.validationCount, stageSeed: 5, method: method,
            seedIndex: old.seedIndex, depth: depth, architecture: c.architecture, training: plan,
            rotation: method == .e2e ? nil : method.usesOAS ? c.oasPolicy : .random,
            layerwisePool: method.isLayerwise ? c.layerwisePool : nil, keepsFlow: old.seedIndex == 0)
    }

    func testDeepJobsOfEveryMethodMatchTheOldPath() throws {
        for pool in [1024, nil] as [Int?] {
            let c = deepConfig(pool: pool)
            for (index, density) in [(0, try UniformSquare(halfWidth: 1) as any Density), (1, try ToyDensity(kind: .moons))] {
                let oldProblem = try DeepSuite.problem(id: "p\(index)", density: density, index: index, config: c, seed: 5)
                let newProblem = try CouplingTheory.DeepProblem(id: "p\(index)", density: density, index: index,
                                                                heldOutCount: c.heldOutCount, validationCount: c.validationCount, seed: 5)
                XCTAssertEqual(oldProblem.testSet, newProblem.testSet)
                XCTAssertEqual(oldProblem.validationSet, newProblem.validationSet)
                for method in Paper.DeepMethod.allCases where pool != nil || method.isLayerwise {
                    for depth in method == .e2e ? [1, 3] : [nil] as [Int?] {
                        let old = Paper.DeepJob(problem: index, method: method, lrIndex: 0, seedIndex: index, endToEndDepth: depth)
                        let a = try XCTUnwrap(try old.run(problem: oldProblem, config: c, learningRate: 3e-3, stageSeed: 5))
                        let b = try XCTUnwrap(try newJob(old, c, problem: newProblem).run(on: newProblem).run)
                        let what = "\(method) pool \(String(describing: pool)) depth \(String(describing: depth)) problem \(index)"
                        XCTAssertEqual(a.heldOutLoss, b.heldOutLoss, what)
                        XCTAssertEqual(a.validationLoss, b.validationLoss, what)
                        XCTAssertEqual(a.traces, b.traces, what)
                        XCTAssertEqual(a.flow, b.flow, what)
                        XCTAssertEqual(a.chosenDeltas, b.chosenDeltas, what)
                        XCTAssertEqual(old.cost(c), newJob(old, c, problem: newProblem).cost, what)
                        let rule = ConvergenceRule(tolerance: c.convergenceTolerance, tail: 4)
                        XCTAssertEqual(a.traces.map(c.isConverged), b.traces.map(rule.isConverged), what)
                    }
                }
            }
        }
    }

    func testClosedFormConstructionMatchesTheOldPath() throws {
        let density = try ToyDensity(kind: .moons)
        var heldRNG = SeededGenerator(seed: 2)
        let heldOut = try density.sample(count: 256, using: &heldRNG)
        let rotation = RotationPolicy.oas(candidates: 30, sampleCount: 1024, estimator: .binning(BinningConfig(bins: 16)))
        var rngA = SeededGenerator(seed: 3), rngB = SeededGenerator(seed: 3)
        let a = try ClosedFormConstruction.build(source: DensitySource(density: density), heldOut: heldOut, entropy: 1.0,
                                                 config: ClosedFormConstructionConfig(depth: 3, rotation: rotation, samplesPerLayer: 2048),
                                                 using: &rngA)
        let b = try LayerwiseConstruction.build(data: FreshSamples(DensitySource(density: density)), depth: 3, rotation: rotation,
                                                fitter: ClosedFormBlockFitter(samplesPerLayer: 2048), heldOut: heldOut, entropy: 1.0,
                                                using: &rngB)
        XCTAssertEqual(a.flow, b.flow)
        XCTAssertEqual(a.records, b.records)
        XCTAssertEqual(rngA.next(), rngB.next(), "both consumed the same draws")
    }

    func subspaceConfig() -> SubspaceFlowConfig {
        SubspaceFlowConfig(depth: 2, passive: 2, stepsPerLayer: 30, batchSize: 64, hiddenWidths: [8], learningRate: 3e-3,
                           decayFactor: 0.3, endToEndDepths: [1, 2], oasSamples: 200,
                           oas: GeneralOASConfig(candidates: 6, stepsDeg: [20], maxSweeps: 1,
                                                 estimator: .nearestNeighbours(NearestNeighbourConfig(neighbours: 8, maxQueries: 32))))
    }

    func subspaceData() throws -> (train: Matrix, test: Matrix) {
        let stack = try HiddenToyStack(toys: [.moons, .eightGaussians], seed: 4)
        var rng = SeededGenerator(seed: 8)
        return (try stack.sample(count: 300, using: &rng), try stack.sample(count: 150, using: &rng))
    }

    func newPlan(_ c: SubspaceFlowConfig, steps: Int) -> TrainingPlan {
        TrainingPlan(steps: steps, batchSize: c.batchSize, learningRate: c.learningRate, schedule: .stepDecay(factor: c.decayFactor, parts: 3))
    }

    func testSubspaceFlowsMatchTheOldPath() throws {
        let c = subspaceConfig(), (train, test) = try subspaceData()
        let constant = 0.5 * Double(train.cols) * log(2 * Double.pi)
        let arch = CouplingArchitecture(passiveCount: c.passive, hiddenWidths: c.hiddenWidths, clamp: .none)
        for oas in [true, false] {
            var rngA = SeededGenerator(seed: 11), rngB = SeededGenerator(seed: 11)
            let a = try SubspaceFlows.layerwise(train: train, test: test, oas: oas, config: c, using: &rngA)
            let b = try LayerwiseConstruction.build(
                data: FixedSamples(train), depth: c.depth, rotation: oas ? .generalOAS(c.oas, sampleCount: c.oasSamples) : .random,
                fitter: TrainedBlockFitter(architecture: arch, training: newPlan(c, steps: c.stepsPerLayer), scope: .layerwise(pool: train.rows)),
                heldOut: test, entropy: nil, using: &rngB)
            XCTAssertEqual(Array(a.nll.dropFirst()), b.records.map { $0.heldOutLoss + constant }, "oas \(oas)")
            XCTAssertEqual(a.trainingLoss, b.records.map(\.trainingLoss))
            XCTAssertEqual(a.chosenDelta, b.records.compactMap(\.chosenDelta))
            XCTAssertEqual(a.startDelta, b.records.compactMap(\.startDelta))
            XCTAssertEqual(rngA.next(), rngB.next())
        }
        for depth in [1, 2] {
            var rngA = SeededGenerator(seed: 12), rngB = SeededGenerator(seed: 12)
            let a = try SubspaceFlows.endToEnd(train: train, test: test, depth: depth, config: c, using: &rngA)
            let b = try EndToEndConstruction.build(source: DatasetSource(data: train), depth: depth, architecture: arch,
                                                   training: newPlan(c, steps: depth * c.stepsPerLayer).batches(atMost: train.rows),
                                                   heldOut: test, entropy: nil, using: &rngB)
            XCTAssertEqual(a.nll[depth], b.records[0].heldOutLoss + constant)
            XCTAssertEqual(a.trainingLoss, [b.records[0].trainingLoss])
            XCTAssertEqual(rngA.next(), rngB.next())
        }
    }

    func testCandidateCouplingMatchesTheOldPath() throws {
        let c = subspaceConfig(), (train, test) = try subspaceData()
        let stack = try HiddenToyStack(toys: [.moons, .eightGaussians], seed: 4)
        let oracle = try stack.oracleRotation(anglesDeg: [10, 20])
        let ranking = CandidateRanking.Config(candidates: 3, maxPerturbationDeg: 60, steps: 40, batchSize: 64, hiddenWidths: [8],
                                              learningRate: 3e-3, decayFactor: 0.3, convergenceTolerance: 0.05)
        var rngA = SeededGenerator(seed: 13), rngB = SeededGenerator(seed: 13)
        let a = try CandidateRanking.evaluate(2, oracle: oracle, train: train, test: test, eval: test, passive: c.passive,
                                              estimator: c.oas.estimator, config: ranking, using: &rngA)
        let q = CandidateRanking.rotation(2, oracle: oracle, config: ranking, using: &rngB)
        var flow = try Flow(dimension: train.cols)
        var data = try FixedSamples(train)
        let fitter = TrainedBlockFitter(architecture: CouplingArchitecture(passiveCount: c.passive, hiddenWidths: [8], clamp: .none),
                                        training: TrainingPlan(steps: 40, batchSize: 64, learningRate: 3e-3, schedule: .stepDecay(factor: 0.3, parts: 3)),
                                        scope: .layerwise(pool: train.rows))
        let fit = try fitter.extend(&flow, rotation: q, data: &data, validation: nil, using: &rngB)
        XCTAssertEqual(a.trainingLoss, fit.trainingLoss)
        XCTAssertEqual(a.trainedDecrease, try SubspaceFlows.nll(Flow(dimension: train.cols), test) - SubspaceFlows.nll(flow, test))
        XCTAssertEqual(CandidateRanking.converged(a.trainingLoss, tolerance: 0.05),
                       ConvergenceRule(tolerance: 0.05, tail: 10).isConverged(history: a.trainingLoss))
        for n in [10, 19, 20, 37, 60, 99, 1500] {
            for tolerance in [0.0, 0.01, 0.05] {
                let history: [Double] = (0..<n).map { (i: Int) -> Double in
                    let x = Double(i)
                    return 1 + 0.3 * sin(x * 0.7) + 1 / (x + 1)
                }
                XCTAssertEqual(CandidateRanking.converged(history, tolerance: tolerance),
                               ConvergenceRule(tolerance: tolerance, tail: 10).isConverged(history: history), "n \(n)")
            }
        }
    }
}
