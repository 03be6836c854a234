/// What a grid knows of its jobs for progress: the jobs it has seen (or, if more, those it was told to
/// expect), the finished ones counted and weighted by cost, and what is still pending, by kind.
struct JobGridProgress {
    private var seen = Set<AnyHashable>()
    private var seenCost = 0.0
    /// The jobs, and their cost, expected over all runs (a floor of the totals).
    private var expectedJobs = 0
    private var expectedCost = 0.0
    private(set) var finishedJobs = 0
    private var finishedCost = 0.0
    private(set) var cached = 0, trained = 0
    /// Jobs seen and not finished, by kind.
    private(set) var pending: [JobKind: WorkAmount] = [:]
    /// Seen jobs given up by `dropPending`.
    private var dropped = 0

    mutating func expect(jobs: Int, cost: Double) {
        expectedJobs = max(0, jobs)
        expectedCost = max(0, cost)
    }

    /// Counts a job the first time it is seen.
    mutating func add(_ job: AnyHashable, kind: JobKind, cost: Double) {
        guard seen.insert(job).inserted else { return }
        seenCost += cost
        pending[kind, default: WorkAmount()].jobs += 1
        pending[kind, default: WorkAmount()].cost += cost
    }

    mutating func finish(kind: JobKind, cost: Double, trained wasTrained: Bool) {
        finishedJobs += 1
        finishedCost += cost
        if wasTrained { trained += 1 } else { cached += 1 }
        guard var left = pending[kind] else { return }
        left.jobs -= 1
        left.cost -= cost
        pending[kind] = left.jobs > 0 ? left : nil
    }

    /// Forgets every job not finished yet, seen or expected: the work ended early on purpose, so they
    /// count neither as pending nor in the totals.
    mutating func dropPending() {
        for amount in pending.values {
            dropped += amount.jobs
            seenCost -= amount.cost
        }
        pending = [:]
        expectedJobs = 0
        expectedCost = 0
    }

    var totalJobs: Int { max(seen.count - dropped, expectedJobs) }
    var fraction: Double {
        let total = max(seenCost, expectedCost)
        return total > 0 ? min(1, finishedCost / total) : 0
    }
    /// Expected but not seen yet.
    var announced: WorkAmount {
        WorkAmount(jobs: max(0, expectedJobs - (seen.count - dropped)), cost: max(0, expectedCost - seenCost))
    }

    /// What grid `grid` has done and has left, counted in `unit`, and the unit that just finished (if any).
    func update(source grid: Int, unit: String, done: WorkUpdate.Done? = nil) -> WorkUpdate {
        WorkUpdate(source: grid, unit: unit, finished: finishedJobs, total: totalJobs, pending: pending, announced: announced,
                   done: done)
    }

    /// The event of a job of `kind` that just finished, as grid `grid` reports it.
    func event(kind: JobKind, cost: Double, label: String, source: JobEvent.Source, cpuSeconds: Double?, grid: Int) -> JobEvent {
        JobEvent(kind: kind, cost: cost, label: label, source: source, cpuSeconds: cpuSeconds, finished: finishedJobs,
                 total: totalJobs, fraction: fraction, grid: grid, pending: pending, announced: announced)
    }
}
