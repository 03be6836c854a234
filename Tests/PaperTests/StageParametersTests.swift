import CouplingTheory
import FlowCore
import Foundation
@testable import Paper
import Report
import XCTest

/// The parameters the paper's stages declare for `--set`, and what setting them does to their configs.
final class StageParametersTests: XCTestCase {
    func values<S: Stage>(_ stage: S, _ texts: [String: String]) throws -> [String: ParameterValue] {
        var overrides = ParameterOverrides()
        for (key, text) in texts { try overrides.set(stage: stage.id, key: key, text: text, in: [stage]) }
        return overrides[stage.id]
    }

    func testTheStagesDeclareSeedsToysDepthStepsAndSampleSizes() {
        XCTAssertEqual(Set(Example7Stage().parameterKinds.map(\.key)),
                       ["seeds", "toys", "depth", "stepsPerLayer", "progressiveSteps", "endToEndSteps"])
        XCTAssertEqual(Set(Example6Stage().parameterKinds.map(\.key)), ["seeds", "depth", "stepsPerLayer", "endToEndSteps"])
        XCTAssertTrue(Example4Stage().parameterKinds.contains { $0.key == "sampleSizes" })
        XCTAssertTrue(Example8Stage().parameterKinds.contains { $0.key == "sampleSizes" })
        XCTAssertTrue(Figure1Stage().parameterKinds.isEmpty, "a stage declares none unless it says so")
    }

    func testExample7ValuesReachItsRunConfigAndItStillValidates() throws {
        let stage = Example7Stage()
        let config = try stage.config(for: .paper, parameters: try values(stage, [
            "seeds": "12", "toys": "rings,moons", "depth": "6", "stepsPerLayer": "100", "progressiveSteps": "50", "endToEndSteps": "400",
        ]))
        XCTAssertEqual(config.run.seeds, 12)
        XCTAssertEqual(config.toys, [.rings, .moons])
        XCTAssertEqual(config.run.depth, 6)
        XCTAssertEqual(config.run.endToEndDepths, [1, 2, 3, 4, 6], "the shallow depths stay, the final depth is the new one")
        XCTAssertEqual([config.run.stepsPerLayer, config.run.progressiveSteps, config.run.endToEndSteps], [100, 50, 400])
        XCTAssertNoThrow(try config.run.validate())
        let untouched = stage.config(for: .paper)
        XCTAssertEqual(config.run.batchSize, untouched.run.batchSize)
        XCTAssertEqual(config.gridPoints, untouched.gridPoints)
    }

    func testExample6DepthTrimsItsFigurePanels() throws {
        let stage = Example6Stage()
        let config = try stage.config(for: .fast, parameters: try values(stage, ["depth": "3"]))
        XCTAssertEqual(config.run.endToEndDepths, [1, 2, 3])
        XCTAssertEqual(config.figureDepths, [1, 2, 3])
        XCTAssertNoThrow(try config.run.validate())
    }

    func testSampleSizesOfExamples4And8() throws {
        let ex4 = try Example4Stage().config(for: .fast, parameters: try values(Example4Stage(), ["sampleSizes": "64,256", "seeds": "5"]))
        XCTAssertEqual(ex4.sampleSizes, [64, 256])
        XCTAssertEqual(ex4.seedsPerSize, 5)
        let ex8 = try Example8Stage().config(for: .fast, parameters: try values(Example8Stage(), ["sampleSizes": "256,1024"]))
        XCTAssertEqual(ex8.single.sampleSizes, [256, 1024])
    }

    /// A toy's problem is the same whichever toys a run has, so `--set ex7.toys=…` finds its trained jobs.
    func testAToyKeepsItsProblemInASubsetOfToys() throws {
        let run = Example7Stage().config(for: .fast).run
        let all = try ToyKind.allCases.map { try Example7Stage.problem($0, config: run, seed: 7) }
        let alone = try Example7Stage.problem(.rings, config: run, seed: 7)
        let same = try XCTUnwrap(all.first { $0.id == "rings" })
        XCTAssertEqual(alone.index, same.index)
        XCTAssertEqual(alone.testSet.values, same.testSet.values)
        XCTAssertEqual(Set(all.map(\.index)).count, ToyKind.allCases.count)
    }
}
