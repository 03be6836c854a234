/// One source of a stage's work (a job grid, or a `WorkUnits` counter) as its status line sees it: how
/// much is done, what is still pending by kind, and the unit that just finished, if any.
public struct WorkUpdate: Sendable {
    /// A finished unit: its kind and cost, the CPU seconds it took (nil: not recorded) and whether this
    /// process ran it just now (a cached job's seconds were spent by an earlier run, not during this one).
    public struct Done: Sendable {
        public var kind: JobKind
        public var cost: Double
        public var cpuSeconds: Double?
        public var ranHere: Bool

        public init(kind: JobKind, cost: Double, cpuSeconds: Double?, ranHere: Bool) {
            self.kind = kind; self.cost = cost; self.cpuSeconds = cpuSeconds; self.ranHere = ranHere
        }
    }

    /// Which grid or counter of this process reported it.
    public var source: Int
    /// What a unit of this work is called: "jobs", "angles".
    public var unit: String
    public var finished: Int
    public var total: Int
    /// Seen and not finished yet, by kind.
    public var pending: [JobKind: WorkAmount]
    /// Expected but not seen yet (kinds unknown).
    public var announced: WorkAmount
    /// The unit that just finished (nil: an update that only counts what is to come).
    public var done: Done?

    public init(source: Int, unit: String, finished: Int, total: Int, pending: [JobKind: WorkAmount],
                announced: WorkAmount = WorkAmount(), done: Done? = nil) {
        self.source = source; self.unit = unit; self.finished = finished; self.total = total
        self.pending = pending; self.announced = announced; self.done = done
    }

    /// A grid's finished job.
    public init(_ event: JobEvent) {
        self.init(source: event.grid, unit: "jobs", finished: event.finished, total: event.total, pending: event.pending,
                  announced: event.announced,
                  done: Done(kind: event.kind, cost: event.cost, cpuSeconds: event.cpuSeconds, ranHere: event.source == .trained))
    }
}
