/// What a grid knows of its jobs for progress: the jobs it has seen (or, if more, those it was told to
/// expect) and the finished ones, counted and weighted by cost.
struct JobGridProgress {
    private var seen = Set<AnyHashable>()
    private var seenCost = 0.0
    /// The jobs, and their cost, expected over all runs (a floor of the totals).
    private var expectedJobs = 0
    private var expectedCost = 0.0
    private(set) var finishedJobs = 0
    private var finishedCost = 0.0
    private(set) var cached = 0, trained = 0

    mutating func expect(jobs: Int, cost: Double) {
        expectedJobs = max(0, jobs)
        expectedCost = max(0, cost)
    }

    /// Counts a job the first time it is seen.
    mutating func add(_ job: AnyHashable, cost: Double) {
        if seen.insert(job).inserted { seenCost += cost }
    }

    mutating func finish(cost: Double, trained wasTrained: Bool) {
        finishedJobs += 1
        finishedCost += cost
        if wasTrained { trained += 1 } else { cached += 1 }
    }

    var totalJobs: Int { max(seen.count, expectedJobs) }
    var fraction: Double {
        let total = max(seenCost, expectedCost)
        return total > 0 ? min(1, finishedCost / total) : 0
    }
}
