import XCTest
import Foundation
@testable import FlowCore

final class CodableTests: XCTestCase {
    func testFlowRoundTripsAndCorruptFilesThrow() throws {
        var rng = SeededGenerator(seed: 51)
        var flow = try Flow(dimension: 2)
        try flow.appendBlock(rotation: Rotation2D.matrix(degrees: 33), passiveCount: 1, hiddenWidths: [8, 4],
                             activation: .leakyRelu, clamp: .atan(2), using: &rng)
        try flow.setParameters(flow.parameters.map { _ in rng.normal() })
        let data = try JSONEncoder().encode(flow)
        XCTAssertEqual(try JSONDecoder().decode(Flow.self, from: data), flow)

        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var blocks = try XCTUnwrap(json["blocks"] as? [[String: Any]])
        var coupling = try XCTUnwrap(blocks[0]["coupling"] as? [String: Any])
        var subnet = try XCTUnwrap(coupling["subnet"] as? [String: Any])
        subnet["parameters"] = [1.0, 2.0]
        coupling["subnet"] = subnet
        blocks[0]["coupling"] = coupling
        json["blocks"] = blocks
        let corrupt = try JSONSerialization.data(withJSONObject: json)
        XCTAssertThrowsError(try JSONDecoder().decode(Flow.self, from: corrupt)) { error in
            guard case FlowCoreError.shapeMismatch = error else { return XCTFail("\(error)") }
        }
        let config = TrainingConfig.paperExample1
        XCTAssertEqual(try JSONDecoder().decode(TrainingConfig.self, from: JSONEncoder().encode(config)), config)
    }
}
