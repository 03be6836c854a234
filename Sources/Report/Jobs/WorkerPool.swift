import Foundation

/// The one worker pool: runs `count` independent items on up to `threads` threads, each item under a
/// permit of `budget`, and returns when all are done.
///
/// Plain threads rather than `concurrentPerform`, with large stacks: items are long CPU-bound calls
/// (whole stages, whole trainings). Items are taken in index order (put the longest first). The
/// calling thread does not compute meanwhile: if it holds a permit (a stage running its jobs), it gives
/// it back until the items are done. The first error stops further items and is rethrown.
enum WorkerPool {
    static func run(count: Int, threads: Int, budget: WorkerBudget, _ item: @escaping @Sendable (Int) throws -> Void) throws {
        guard count > 0 else { return }
        let state = PoolState(count: count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(threads, count)) {
            group.enter()
            let thread = Thread {
                // Permit first, then an item: an item never waits for a permit once it is taken.
                while budget.withPermit({ () -> Bool in
                    guard let index = state.next() else { return false }
                    do { try item(index) } catch { state.fail(error) }
                    return true
                }) {}
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        budget.whileIdle { group.wait() }
        if let error = state.error { throw error }
    }
}

/// The next item index and the first error, behind a lock.
private final class PoolState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private(set) var error: Error?

    init(count: Int) { self.count = count }

    /// The next index, or nil when all are taken or an item failed.
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func fail(_ e: Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }
}
