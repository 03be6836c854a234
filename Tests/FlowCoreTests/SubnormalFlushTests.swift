import XCTest
@testable import FlowCore

/// `SubnormalFlush` flushes subnormal results inside its scope only, and restores the caller's mode.
final class SubnormalFlushTests: XCTestCase {
    /// Halves at run time (never inlined, so the product cannot be folded at compile time).
    @inline(never) private func half<T: BinaryFloatingPoint>(_ x: T) -> T { x * 0.5 }

    func testSubnormalResultsAreFlushedInsideAndGradualOutside() throws {
        #if !(arch(x86_64) || arch(arm64))
        throw XCTSkip("no flush mode on this architecture")
        #else
        let f = Float.leastNormalMagnitude, d = Double.leastNormalMagnitude
        // Outside: IEEE gradual underflow gives the subnormal half of the smallest normal number.
        XCTAssertEqual(half(f), f / 2)
        XCTAssertTrue(half(f).isSubnormal)
        let (insideFloat, insideDouble) = SubnormalFlush.flushingSubnormals { (half(f), half(d)) }
        XCTAssertEqual(insideFloat, 0, "Float subnormal result inside the scope")
        XCTAssertEqual(insideDouble, 0, "Double subnormal result inside the scope")
        // Normal results are untouched inside.
        XCTAssertEqual(SubnormalFlush.flushingSubnormals { half(Float(3)) }, 1.5)
        // Restored afterwards, also when the body throws.
        XCTAssertTrue(half(d).isSubnormal)
        struct Boom: Error {}
        XCTAssertThrowsError(try SubnormalFlush.flushingSubnormals { () throws -> Float in throw Boom() })
        XCTAssertTrue(half(f).isSubnormal, "mode restored after a throwing body")
        #endif
    }

    /// Training leaves the caller's mode as it was: the flush covers the training steps only, and the
    /// observer (caller code, called between steps) sees gradual underflow.
    func testTrainingDoesNotLeakTheFlushToItsCaller() throws {
        #if !(arch(x86_64) || arch(arm64))
        throw XCTSkip("no flush mode on this architecture")
        #else
        var rng = SeededGenerator(seed: 1)
        var flow = try Flow(dimension: 2)
        try flow.appendBlock(rotation: Rotation2D.matrix(degrees: 30), passiveCount: 1, hiddenWidths: [8], using: &rng)
        var source = DensitySource(density: WDensity())
        let tiny = Float.leastNormalMagnitude
        var seenByObserver: [Bool] = []
        let observer = TrainingObserver(every: 2) { _, _ in seenByObserver.append(self.half(tiny).isSubnormal) }
        _ = try FlowTrainer.train(&flow, source: &source, config: TrainingConfig(steps: 6, batchSize: 16), observer: observer, using: &rng)
        XCTAssertEqual(seenByObserver, [true, true, true])
        XCTAssertTrue(half(tiny).isSubnormal)
        #endif
    }
}
