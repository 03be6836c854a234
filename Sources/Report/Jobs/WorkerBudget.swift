import Foundation

/// The compute threads a run may use at once, shared by its stages and their jobs.
///
/// A thread computes only while it holds a permit: a stage holds one while its own code runs, a job
/// worker holds one per job. A thread that waits — a stage for its jobs, a grid for another process's
/// jobs — gives its permit back meanwhile (`whileIdle`). So stages and jobs together never run more
/// threads than there are permits, however many stages run at once (`--jobs`) and however many workers
/// a pool starts. No thread waits for a permit while holding one, so permits cannot deadlock.
public final class WorkerBudget: @unchecked Sendable {
    /// The number of permits.
    public let limit: Int
    private let condition = NSCondition()
    private var inUse = 0
    private var mostInUse = 0
    /// Per thread: how many nested `withPermit` calls hold this budget's one permit of that thread.
    private let holdKey: String

    public init(limit: Int) {
        self.limit = max(1, limit)
        holdKey = "couplinglab.WorkerBudget.\(UUID().uuidString)"
    }

    /// The cores of this machine: the default limit.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// The most permits held at once so far.
    public var peakInUse: Int {
        condition.lock(); defer { condition.unlock() }
        return mostInUse
    }

    /// Whether the calling thread holds a permit.
    public var isHeldByCurrentThread: Bool { holds > 0 }

    /// Runs `body` holding a permit (waiting for one if all are taken). A thread that already holds
    /// one runs `body` under it.
    public func withPermit<T>(_ body: () throws -> T) rethrows -> T {
        if holds == 0 { take() }
        holds += 1
        defer {
            holds -= 1
            if holds == 0 { give() }
        }
        return try body()
    }

    /// Runs `body` — a wait, not computation — with the calling thread's permit given back, and takes
    /// one again afterwards. A thread without a permit just runs `body`.
    public func whileIdle<T>(_ body: () throws -> T) rethrows -> T {
        let held = holds
        guard held > 0 else { return try body() }
        holds = 0
        give()
        defer {
            take()
            holds = held
        }
        return try body()
    }

    private var holds: Int {
        get { Thread.current.threadDictionary[holdKey] as? Int ?? 0 }
        set { Thread.current.threadDictionary[holdKey] = newValue == 0 ? nil : newValue }
    }

    private func take() {
        condition.lock()
        while inUse >= limit { condition.wait() }
        inUse += 1
        mostInUse = max(mostInUse, inUse)
        condition.unlock()
    }

    private func give() {
        condition.lock()
        inUse -= 1
        condition.signal()
        condition.unlock()
    }
}
