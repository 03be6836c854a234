import Foundation

/// Runs independent jobs on a few worker threads and returns their results in job order.
///
/// NOTES-performance.md: parallelism pays across whole trainings, not inside a step. Each job must
/// own all of its state (its own seeded generator), so the results do not depend on `workers` or on
/// the order in which threads pick jobs up. The first error stops further jobs and is rethrown.
enum ParallelJobs {
    static func run<T>(count: Int, workers: Int, _ body: (Int) throws -> T) throws -> [T?] {
        let box = ResultBox<T>(count: count)
        let threads = max(1, min(workers, count))
        withoutActuallyEscaping(body) { body in
            let work = UncheckedBody(body: body)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while let index = box.nextIndex() {
                    do { box.store(try work.body(index), at: index) } catch { box.fail(error) }
                }
            }
        }
        if let error = box.error { throw error }
        return box.results
    }
}

/// The closure handed to worker threads (each call touches only its own job's state).
private struct UncheckedBody<T>: @unchecked Sendable {
    let body: (Int) throws -> T
}

/// Lock-protected job counter, result slots and first error.
private final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private(set) var results: [T?]
    private(set) var error: Error?

    init(count: Int) {
        self.count = count
        results = Array(repeating: nil, count: count)
    }

    /// The next job index, or nil when all are taken or a job failed.
    func nextIndex() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, next < count else { return nil }
        defer { next += 1 }
        return next
    }

    func store(_ value: T, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        results[index] = value
    }

    func fail(_ e: Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }
}
