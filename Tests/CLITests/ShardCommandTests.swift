import Foundation
import XCTest

/// `couplinglab report --shard K/N`: shard processes fill a shared job cache; a plain `report`
/// afterwards trains nothing and reproduces a single-process run's metrics exactly.
final class ShardCommandTests: XCTestCase {
    private var roots: [URL] = []

    override func tearDown() {
        for root in roots { try? FileManager.default.removeItem(at: root) }
        super.tearDown()
    }

    private func makeRoot(_ name: String) -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("couplinglab-shard-\(name)-\(UUID().uuidString)")
        roots.append(root)
        return root
    }

    /// A stage's metrics without its timings (names with "seconds": CPU time differs from run to run).
    private func metrics(_ root: URL, stage: String) throws -> NSDictionary {
        let data = try Data(contentsOf: root.appendingPathComponent("report/results.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let stages = json["stages"] as! [String: Any]
        let all = (stages[stage] as! [String: Any])["metrics"] as! [String: Any]
        XCTAssertTrue(all.keys.contains { $0.contains("seconds") }, "ex6 reports its training's CPU time")
        return NSDictionary(dictionary: all.filter { !$0.key.contains("seconds") })
    }

    func testTwoShardsAtOnceThenAssemblyTrainsNothingAndMatchesOneProcess() throws {
        let single = makeRoot("single"), shared = makeRoot("shared")
        let common = ["report", "--profile", "fast", "--only", "ex6", "--jobs", "1"]
        let one = try CLIProcess.run(common + ["--out", single.path])
        XCTAssertEqual(one.status, 0, one.stderr)

        // Two shard processes on one cache, started together.
        let a = try CLIProcess.Running(common + ["--out", shared.path, "--shard", "1/2"])
        let b = try CLIProcess.Running(common + ["--out", shared.path, "--shard", "2/2"])
        let (ra, rb) = (a.finish(), b.finish())
        XCTAssertEqual(ra.status, 0, ra.stdout + ra.stderr)
        XCTAssertEqual(rb.status, 0, rb.stdout + rb.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: shared.appendingPathComponent("report/results.json").path),
                       "a shard writes no report")
        // Both shards trained something: the split is real.
        for r in [ra, rb] { XCTAssertNil(r.stdout.range(of: "training jobs: 0 trained"), r.stdout) }

        let assembled = try CLIProcess.run(common + ["--out", shared.path])
        XCTAssertEqual(assembled.status, 0, assembled.stderr)
        XCTAssertTrue(assembled.stdout.contains("training jobs: 0 trained"), assembled.stdout)
        XCTAssertEqual(try metrics(shared, stage: "ex6"), try metrics(single, stage: "ex6"))
    }

    func testThreadsBelowOneIsRejected() throws {
        let r = try CLIProcess.run(["report", "--threads", "0", "--out", makeRoot("threads").path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--threads must be at least 1, got 0"), r.stderr)
    }

    func testBadShardIsOneLineError() throws {
        let r = try CLIProcess.run(["report", "--shard", "3/2", "--out", makeRoot("bad").path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("invalid shard '3/2'"), r.stderr)
    }
}
