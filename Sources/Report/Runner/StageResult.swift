import Foundation

/// The outcome of one stage in a run, as the writers need it.
public struct StageResult: Sendable {
    public enum Status: String, Codable, Sendable { case ok, failed }

    public let id: String
    public let title: String
    public let status: Status
    /// Wall-clock seconds of the run that produced the output (the original run when cached).
    public let seconds: Double
    public let cached: Bool
    public let seed: UInt64
    /// The stage's output (empty when failed).
    public let output: StageOutput
    /// Published figure files relative to the output root, e.g. `figures/fig2a.png`.
    public let figures: [String]
    /// The config as canonical JSON (empty when it could not be encoded).
    public let configJSON: Data
    /// The error message when `status == .failed`.
    public let error: String?
    /// Non-fatal problems (a declared figure that was not written, …).
    public let warnings: [String]
    /// The stage's source file, for the literate blocks.
    public let sourceFile: String
}

/// Everything a run produced: what the writers turn into results.json, index.md and index.html.
public struct ReportDocument: Sendable {
    public let profile: Profile
    public let generated: Date
    public let provenance: Provenance
    /// In catalogue order.
    public let results: [StageResult]
    /// Stages neither run nor found fresh in the cache (not selected by `--only`).
    public let notRun: [String]
    /// The paper's statements for the claims scoreboard (empty: no scoreboard).
    public var statements: [PaperStatement] = []
    /// SHA-256 of the claim table (margins and their reasons), printed so that a reader can tell
    /// which margins a verdict was decided by (nil: no table).
    public var claimTableDigest: String?
    /// Parameters set on the command line for this run (provenance, results.json's `parameters`).
    public var parameters = ParameterOverrides()
    /// The stages of a run still going on that have not finished, in catalogue order: placeholders in a
    /// partial report. Empty in a complete one.
    public var pending: [PendingStage] = []
    /// Every stage id in catalogue order (where the placeholders go among the finished sections).
    public var stageOrder: [String] = []

    /// False while the run is still going on (the page then reloads itself).
    public var isComplete: Bool { pending.isEmpty }

    /// One entry per section, in catalogue order.
    enum Section {
        case finished(StageResult)
        case pending(PendingStage)
    }

    /// The finished results and the placeholders in catalogue order (the results alone when complete).
    var sections: [Section] {
        guard !pending.isEmpty else { return results.map(Section.finished) }
        let rank = Dictionary(stageOrder.enumerated().map { ($1, $0) }) { first, _ in first }
        let all = results.map { (rank[$0.id] ?? Int.max, Section.finished($0)) } + pending.map { (rank[$0.id] ?? Int.max, Section.pending($0)) }
        return all.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    /// True when any stage failed: the CLI exits non-zero.
    public var hasFailures: Bool { results.contains { $0.status == .failed } }
    /// All checks with their stage id: failed first, then inconclusive, then passed (stable otherwise).
    public var checksFailedFirst: [(stage: String, check: Check)] {
        let all = results.flatMap { result in result.output.checks.map { (stage: result.id, check: $0) } }
        return [CheckStatus.fail, .inconclusive, .pass].flatMap { s in all.filter { $0.check.status == s } }
    }

    /// Counts of pass / fail / inconclusive over the checks of one kind.
    public func tally(_ kind: CheckKind) -> CheckTally {
        CheckTally(results.flatMap(\.output.checks).filter { $0.kind == kind })
    }

    /// Counts over the primary claim checks (what the scoreboard scores).
    public var primaryTally: CheckTally {
        CheckTally(results.flatMap(\.output.checks).filter { $0.kind == .claim && $0.primary })
    }

    /// Counts over the claim checks that are diagnostics (shown, not scored).
    public var diagnosticTally: CheckTally {
        CheckTally(results.flatMap(\.output.checks).filter { $0.kind == .claim && !$0.primary })
    }
}

/// How many checks pass, fail and are inconclusive.
public struct CheckTally: Sendable, Equatable {
    public var pass = 0, fail = 0, inconclusive = 0
    public var total: Int { pass + fail + inconclusive }

    public init(_ checks: [Check]) {
        for c in checks {
            switch c.status {
            case .pass: pass += 1
            case .fail: fail += 1
            case .inconclusive: inconclusive += 1
            }
        }
    }

    /// "12 pass, 3 fail, 1 inconclusive".
    public var text: String { "\(pass) pass, \(fail) fail, \(inconclusive) inconclusive" }
}
