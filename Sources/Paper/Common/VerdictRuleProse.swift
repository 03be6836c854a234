import Foundation
import Report

/// The decision rule in words (`verdict-rule.md` beside this file), shared by every stage's "How we test it".
enum VerdictRuleProse {
    static func text() throws -> String {
        try ExampleFolder.commonPiece("verdict-rule.md", [
            "quadrature": "$10^{\(Int(log10(ClaimCatalog.quadrature).rounded()))}$",
            "coverage": ProseNumber.fmt(100 * (1 - 2 * ClaimCatalog.alpha), 0),
        ])
    }
}
