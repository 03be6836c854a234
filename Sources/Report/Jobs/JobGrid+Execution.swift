import Foundation

extension JobGrid {
    /// Runs `jobs` (longest first) on the worker pool: each is looked up once more (another process may
    /// have stored it meanwhile), claimed (skipped if another live process holds it), run, and stored.
    func execute<Job: GridJob>(_ jobs: [Job], keys: [Job: String], into found: RecordBox<Job>,
                               _ work: @escaping @Sendable (Job) throws -> Job.Output) throws {
        let order = jobs.enumerated().sorted { $0.element.cost > $1.element.cost || ($0.element.cost == $1.element.cost && $0.offset < $1.offset) }
            .map(\.element)
        let store = self.store
        try WorkerPool.run(count: order.count, threads: budget.limit, budget: budget) { [self] index in
            let job = order[index], key = keys[job]
            if let key, let store {
                if let record = store.load(JobRecord<Job.Output>.self, key: key) {
                    found[job] = record
                    finished(job, .otherProcess, cpuSeconds: record.cpuSeconds)
                    return
                }
                guard store.claim(key) else { return }
            }
            let start = ThreadCPUClock.seconds()
            let output: Job.Output
            do { output = try work(job) } catch {
                if let key { store?.release(key) }
                throw error
            }
            let record = JobRecord(output: output, cpuSeconds: ThreadCPUClock.seconds() - start)
            if let key, let store { try store.store(record, key: key) }
            found[job] = record
            finished(job, .trained, cpuSeconds: record.cpuSeconds)
        }
    }

    /// Until every job has a result: takes what other processes stored, runs what nobody has claimed,
    /// and waits (without a permit) for what another process is running.
    func completeOthers<Job: GridJob>(_ jobs: [Job], keys: [Job: String], into found: RecordBox<Job>,
                                      _ work: @escaping @Sendable (Job) throws -> Job.Output) throws {
        var waitingSince: Date?
        while true {
            for job in jobs where found[job] == nil {
                if let key = keys[job], let record = store?.load(JobRecord<Job.Output>.self, key: key) {
                    found[job] = record
                    finished(job, .otherProcess, cpuSeconds: record.cpuSeconds)
                }
            }
            let missing = jobs.filter { found[$0] == nil }
            if missing.isEmpty { return }
            let free = missing.filter { job in !(keys[job].map { store?.isClaimedByOther($0) ?? false } ?? false) }
            if !free.isEmpty {
                try execute(free, keys: keys, into: found, work)
                // A job claimed by another grid of this same process (ex8 reading ex7's jobs while ex7
                // runs them) cannot be claimed and counts as free: wait for it instead of spinning.
                if free.allSatisfy({ found[$0] == nil }) { idle() }
                continue
            }
            if waitingSince == nil || Date().timeIntervalSince(waitingSince!) > 60 {
                log("waiting for \(missing.count) job(s) claimed by other processes sharing the cache")
                waitingSince = Date()
            }
            idle()
        }
    }

    /// One poll interval of waiting, with this thread's permit given back.
    func idle() {
        budget.whileIdle { Thread.sleep(forTimeInterval: pollInterval) }
    }
}
