import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Running the built `couplinglab` binary (one helper for every CLI test: `CLIProcess`).
enum CLIRunner {
    static func run(_ arguments: [String]) throws -> CLIProcess.Result { try CLIProcess.run(arguments) }
}

/// A fresh scratch folder removed at the end of the test.
func scratchFolder(_ test: XCTestCase) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("couplinglab-fit-tests-\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}

/// Writes `text` to `name` in `folder` and returns the path.
@discardableResult
func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// Asserts a non-zero exit, empty stdout and exactly one `error: …` line on stderr containing every fragment.
func assertOneLineError(_ r: (status: Int32, stdout: String, stderr: String), _ fragments: [String],
                        file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertNotEqual(r.status, 0, file: file, line: line)
    XCTAssertEqual(r.stdout.split(separator: "\n").filter { !$0.hasPrefix("fit: ") }.count, 0, "stdout: \(r.stdout)", file: file, line: line)
    XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "stderr: \(r.stderr)", file: file, line: line)
    XCTAssertTrue(r.stderr.hasPrefix("error: "), r.stderr, file: file, line: line)
    for f in fragments { XCTAssertTrue(r.stderr.contains(f), "'\(r.stderr)' lacks '\(f)'", file: file, line: line) }
}

/// `n` rows of a 2D data set in original units far from standard (x around 10 with scale 3, y around −5):
/// a curved ridge y = −5 + 0.8·(x − 10)²/9 with heteroscedastic noise; deterministic (a fixed LCG).
func ridgeCSV(rows n: Int, seed: UInt64 = 7) -> String {
    var state = seed
    func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
    var text = "x,y\n"
    for _ in 0..<n {
        let u = normal(), x = 10 + 3 * u
        let y = -5 + 0.8 * u * u + (0.3 + 0.2 * abs(u)) * normal()
        text += "\(x),\(y)\n"
    }
    return text
}
