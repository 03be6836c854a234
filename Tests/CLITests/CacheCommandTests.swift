import Foundation
import XCTest

/// End-to-end tests of `couplinglab cache verify|prune` on a hand-made cache folder (no stage runs).
final class CacheCommandTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("couplinglab-cache-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func make(_ path: String, contents: String? = nil) throws {
        let url = root.appendingPathComponent(".couplinglab-cache/" + path)
        if let contents {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        } else {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
    }

    func testVerifyOnAnEmptyCacheIsClean() throws {
        let r = try run(["cache", "verify", "--out", root.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "cache verify: 0 stage entries ok, 0 damaged; 0 job files ok, 0 damaged\n")
    }

    func testVerifyListsDamageAndExitsNonZeroThenPruneRemovesIt() throws {
        try make("jobs/ex7/abc.job", contents: "not a job file")
        try make("ex4/deadbeef")
        try make("nostage/k/entry.json", contents: "{}")
        try make("staging/ex1-KILLED")

        let verify = try run(["cache", "verify", "--out", root.path])
        XCTAssertEqual(verify.status, 1)
        XCTAssertEqual(verify.stdout, """
            damaged: ex4/deadbeef: entry.json: is missing
            damaged: nostage/k: entry.json: not a checksummed cache entry (truncated, damaged or older format)
            damaged: jobs/ex7/abc.job: no valid header
            cache verify: 0 stage entries ok, 2 damaged; 0 job files ok, 1 damaged

            """)

        let prune = try run(["cache", "prune", "--out", root.path])
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertEqual(prune.stdout, """
            removed .couplinglab-cache/staging/ex1-KILLED (leftover of an interrupted run)
            removed .couplinglab-cache/nostage (no stage has this id)
            removed .couplinglab-cache/ex4/deadbeef (no current config of ex4 has this key)
            removed .couplinglab-cache/jobs/ex7/abc.job (damaged: no valid header)
            cache prune: removed 4 item(s); kept 0 stage entries and 0 job files

            """)
        XCTAssertEqual(try run(["cache", "verify", "--out", root.path]).status, 0)
    }

    // MARK: helpers

    private func run(_ arguments: [String]) throws -> CLIProcess.Result { try CLIProcess.run(arguments) }
}
