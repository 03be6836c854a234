/// What a running stage has done and has left, gathered from every source of its work (its job grids,
/// its `WorkUnits` counters), and the time left estimated from it.
///
/// **The estimate.** Each pending job is costed at the mean CPU seconds of the finished jobs of its kind
/// (method, depth, steps), wherever and whenever they ran: a cached job carries the seconds it took when
/// it was trained. A kind with no finished job yet, and work announced before its kinds are known, are
/// costed by their relative `cost` at the CPU seconds per unit of cost measured over the finished jobs of
/// the same source (one source's costs share a unit; no mean over all jobs is ever taken). The CPU
/// seconds left become wall seconds at the pace of this run: the CPU seconds of the work done here per
/// second elapsed, i.e. the threads the stage actually had, shared as they were with other stages.
/// Until a job of this run has finished, or while a source has pending work it has measured nothing of,
/// there is no estimate.
struct WorkLedger: Sendable {
    struct Source: Sendable {
        var unit: String
        var finished = 0, total = 0
        var pending: [JobKind: WorkAmount] = [:]
        var announced = WorkAmount()
        /// CPU seconds measured over finished jobs, and their summed cost (the source's seconds per cost).
        var measuredSeconds = 0.0, measuredCost = 0.0

        var secondsPerCost: Double? { measuredCost > 0 ? measuredSeconds / measuredCost : nil }
        var hasPending: Bool { !pending.isEmpty || announced.jobs > 0 }
    }

    private var sources: [Int: Source] = [:]
    /// The source reported last (its unit names the counts).
    private var latest: Int?
    /// Finished jobs with measured seconds, by kind.
    private var byKind: [JobKind: (jobs: Int, seconds: Double)] = [:]
    /// CPU seconds of the work this process did during the run.
    private(set) var secondsRunHere = 0.0

    var isEmpty: Bool { sources.isEmpty }
    var hasPending: Bool { sources.values.contains { $0.hasPending } }

    mutating func record(_ update: WorkUpdate) {
        var source = sources[update.source] ?? Source(unit: update.unit)
        source.unit = update.unit
        source.finished = update.finished
        source.total = update.total
        source.pending = update.pending
        source.announced = update.announced
        if let done = update.done, let seconds = done.cpuSeconds, seconds.isFinite, seconds >= 0 {
            source.measuredSeconds += seconds
            source.measuredCost += done.cost
            byKind[done.kind, default: (0, 0)].jobs += 1
            byKind[done.kind, default: (0, 0)].seconds += seconds
            if done.ranHere { secondsRunHere += seconds }
        }
        sources[update.source] = source
        latest = update.source
    }

    /// Finished and known units of the sources counted in the unit reported last ("64/192 jobs").
    var counts: (finished: Int, total: Int, unit: String)? {
        guard let latest, let unit = sources[latest]?.unit else { return nil }
        let same = sources.values.filter { $0.unit == unit }
        return (same.reduce(0) { $0 + $1.finished }, same.reduce(0) { $0 + $1.total }, unit)
    }

    /// CPU seconds of the pending work; nil when some of it has nothing measured to go by.
    var cpuSecondsLeft: Double? {
        var total = 0.0
        for source in sources.values {
            for (kind, amount) in source.pending {
                if let measured = byKind[kind], measured.jobs > 0 {
                    total += Double(amount.jobs) * measured.seconds / Double(measured.jobs)
                } else if let rate = source.secondsPerCost {
                    total += amount.cost * rate
                } else {
                    return nil
                }
            }
            if source.announced.jobs > 0 {
                guard let rate = source.secondsPerCost else { return nil }
                total += source.announced.cost * rate
            }
        }
        return total
    }

    /// Wall seconds left after `elapsed` seconds of the stage: 0 when nothing is pending, nil when not
    /// estimable yet.
    func secondsLeft(elapsed: Double) -> Double? {
        guard hasPending else { return 0 }
        guard let work = cpuSecondsLeft, secondsRunHere > 0, elapsed > 0 else { return nil }
        return work * elapsed / secondsRunHere
    }
}
