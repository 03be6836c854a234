import Foundation

/// What every report of one run shares, partial or complete: the profile, provenance, the paper's
/// statements, the claim table's digest and the parameters set on the command line.
struct ReportAssembly: Sendable {
    let profile: Profile
    let provenance: Provenance
    let statements: [PaperStatement]
    let claimTableDigest: String?
    let parameters: ParameterOverrides

    /// The document of `results` (catalogue order), with `notRun` and the `pending` placeholders among
    /// `stageOrder`.
    func document(results: [StageResult], notRun: [String], pending: [PendingStage], stageOrder: [String],
                  generated: Date) -> ReportDocument {
        var document = ReportDocument(profile: profile, generated: generated, provenance: provenance, results: results, notRun: notRun)
        document.statements = statements
        document.claimTableDigest = claimTableDigest
        document.parameters = parameters
        document.pending = pending
        document.stageOrder = stageOrder
        return document
    }
}
