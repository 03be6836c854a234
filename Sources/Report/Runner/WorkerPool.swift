import Foundation

/// Runs `count` independent jobs on `workers` threads; each thread takes the next job index.
///
/// Plain threads rather than `concurrentPerform`, because `--jobs` must be honoured exactly
/// even above the core count, and stages are long CPU-bound calls, not small work items.
enum WorkerPool {
    static func run(count: Int, workers: Int, job: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let next = Counter()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(workers, count)) {
            group.enter()
            let thread = Thread {
                while let index = next.take(below: count) { job(index) }
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
    }

    /// A lock-protected counter handing out job indices.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take(below limit: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}
