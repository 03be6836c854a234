import Foundation

/// results.json exactly per the DESIGN.md contract, plus a `provenance` object and per-stage
/// `seed`/`title` (extra keys only; the contract's keys are all present with their meaning).
struct ResultsJSON: Encodable {
    struct StageEntry: Encodable {
        let status: String
        let seconds: Double
        let cached: Bool
        let metrics: [String: MetricValue]
        let checks: [Check]
        let figures: [String]
        let error: String?
        let seed: UInt64
        let title: String
        /// The values set with `--set` for this stage (absent when none).
        let parameters: [String: ParameterValue]?
    }

    /// In a partial report only: the stages not finished yet.
    struct Incomplete: Encodable {
        let running: [String]
        let notStarted: [String]

        enum CodingKeys: String, CodingKey { case running, notStarted = "not_started" }
    }

    /// Version of the key set: 2 added the decision rule's keys (class, primary, interval, margin) and
    /// renamed the checks that judged trained layers against point nulls (docs/DESIGN.md).
    let contractVersion = 2
    let profile: String
    let commit: String
    let claimTable: String?
    let generated: String
    let provenance: Provenance
    let stages: [String: StageEntry]
    /// Absent once the run is complete.
    let incomplete: Incomplete?

    enum CodingKeys: String, CodingKey {
        case contractVersion = "contract_version", profile, commit, claimTable = "claim_table", generated, provenance, stages, incomplete
    }

    init(_ document: ReportDocument) {
        profile = document.profile.rawValue
        claimTable = document.claimTableDigest
        commit = document.provenance.commit
        generated = ISO8601DateFormatter().string(from: document.generated)
        provenance = document.provenance
        stages = Dictionary(uniqueKeysWithValues: document.results.map { result in
            (result.id, StageEntry(
                status: result.status.rawValue, seconds: (result.seconds * 1000).rounded() / 1000,
                cached: result.cached, metrics: result.output.metrics, checks: result.output.checks,
                figures: result.figures, error: result.error, seed: result.seed, title: result.title,
                parameters: document.parameters[result.id].isEmpty ? nil : document.parameters[result.id]))
        })
        incomplete = document.isComplete ? nil : Incomplete(
            running: document.pending.filter { $0.isRunning }.map(\.id),
            notStarted: document.pending.filter { !$0.isRunning }.map(\.id))
    }

    /// Pretty-printed, sorted-key JSON bytes.
    static func encode(_ document: ReportDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(ResultsJSON(document))
    }
}

