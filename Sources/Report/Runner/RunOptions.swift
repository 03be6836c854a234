import Foundation

/// What `couplinglab report` asked for; the CLI fills this from its flags.
public struct RunOptions: Sendable {
    /// Hyperparameter profile.
    public var profile: Profile
    /// Stage ids to run; empty means all. Other stages appear in the report only if fresh in the cache.
    public var only: [String]
    /// Parallel stages (default: the number of cores).
    public var jobs: Int
    /// Compute threads at most, shared by the stages and their jobs (default: the number of cores,
    /// whatever `jobs` is; more only when asked for here).
    public var threads: Int
    /// Rerun even when the cache is fresh.
    public var force: Bool
    /// Extra provenance entries, e.g. `["Cairo": "1.18.0"]`.
    public var extraProvenance: [String: String]
    /// The git repository whose commit is recorded (default: the output root).
    public var repository: URL?
    /// Set for `report --shard K/N`: run only this shard's training jobs into the cache, write no report.
    public var shard: Shard?
    /// Values of declared stage parameters (`--set STAGE.KEY=VALUE`), written into the stages' configs.
    public var parameters: ParameterOverrides
    /// Rewrite the report after every finished stage while the run goes on (the last write is the same
    /// either way).
    public var partialReports: Bool

    public init(profile: Profile = .paper, only: [String] = [], jobs: Int? = nil, threads: Int? = nil, force: Bool = false,
                extraProvenance: [String: String] = [:], repository: URL? = nil, shard: Shard? = nil,
                parameters: ParameterOverrides = ParameterOverrides(), partialReports: Bool = true) {
        self.profile = profile
        self.only = only
        self.jobs = max(1, jobs ?? WorkerBudget.cores)
        self.threads = max(1, threads ?? WorkerBudget.cores)
        self.force = force
        self.extraProvenance = extraProvenance
        self.repository = repository
        self.shard = shard
        self.parameters = parameters
        self.partialReports = partialReports
    }
}

/// A stage's cache state for `couplinglab list`.
public struct StageStatus: Sendable, Equatable {
    public let id: String
    public let title: String
    public let figureNames: [String]
    /// True when a cache entry for the current config, seed and source exists.
    public let fresh: Bool
}
