import Foundation
@testable import Report

/// A job of the grid tests: its output is x², its cost x.
struct SquareJob: GridJob {
    typealias Output = Int
    var x: Int
    var kind: JobKind { JobKind(method: "square", depth: x, steps: 10 * x) }
    var cost: Double { Double(x) }
    var label: String { "square \(x)" }
}

/// Counts, across threads, how often each job ran and how many ran at once.
final class WorkLog: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [Int: Int] = [:]
    private var current = 0
    private(set) var peak = 0

    func ran(_ x: Int) { lock.lock(); runs[x, default: 0] += 1; lock.unlock() }
    var ranJobs: [Int: Int] { lock.lock(); defer { lock.unlock() }; return runs }

    /// Marks `body` as computing: the most bodies running at once is `peak`.
    func computing<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); current += 1; peak = max(peak, current); lock.unlock()
        defer { lock.lock(); current -= 1; lock.unlock() }
        return try body()
    }
}

/// Collects a grid's job events.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [JobEvent] = []
    func add(_ e: JobEvent) { lock.lock(); list.append(e); lock.unlock() }
    var events: [JobEvent] { lock.lock(); defer { lock.unlock() }; return list }
}

/// A stage that computes a little itself, then runs a grid of sleeping jobs: every stretch of
/// computation goes through `work.computing`, so `work.peak` is the most compute threads at once.
struct GridStage: Stage {
    struct Config: Codable, Sendable { var jobs = 6 }
    let id: String
    var title: String { "Grid stage \(id)" }
    let figureNames: [String] = []
    let seed: UInt64 = 1
    let sourceFile = #filePath
    let work: WorkLog

    func config(for profile: Profile) -> Config { Config() }

    func run(config: Config, context: StageContext) throws -> StageOutput {
        work.computing { Thread.sleep(forTimeInterval: 0.01) }
        let jobs = (1...config.jobs).map { SquareJob(x: $0) }
        let results = try JobGrid(context, cache: .none).run(jobs) { [work] job in
            work.computing { Thread.sleep(forTimeInterval: 0.02) }
            work.ran(job.x)
            return job.x * job.x
        }
        let sum = try jobs.reduce(0) { $0 + (try results.output(of: $1)) }
        return StageOutput(metrics: ["sum": .number(Double(sum))], markdown: "Grid stage \(id).")
    }
}

/// A job store in a fresh temporary folder.
func makeStore(_ name: String) -> JobStore {
    JobStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(name)-\(UUID().uuidString)"),
             codeDigest: "test")
}
