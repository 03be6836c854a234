import ArgumentParser
import Foundation
import Paper

/// `couplinglab claims`: the claim table — every claim check, its margin and the reason for it — as
/// Markdown (what `docs/claims.md` holds; a test keeps the two equal) or its digest alone.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Print the claim table (docs/claims.md): every claim check, its margin and why."
    )

    @Flag(name: .long, help: "Print only the table's SHA-256 (the digest every report prints).")
    var digest = false

    func run() throws {
        print(digest ? ClaimCatalog.table.digest : ClaimCatalog.markdown, terminator: digest ? "\n" : "")
    }
}
