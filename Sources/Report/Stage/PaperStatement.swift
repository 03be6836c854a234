/// A statement of the paper (a lemma, theorem, algorithm or claim of its experiments) and the
/// primary checks that decide it, for the claims scoreboard at the top of the report.
///
/// The report engine knows no paper: the catalogue of statements comes from the `Paper` module.
/// A check belongs to a statement when its id starts with one of `idPrefixes` or ends with one of
/// `idSuffixes`; only primary checks are scored. A statement with several primary checks is
/// universal ("on every toy", "for each density"): it holds when every one passes and fails when
/// one fails — a conjunction, never a "k of n" count.
public struct PaperStatement: Sendable, Equatable {
    /// Short name, e.g. "Lemma 1 (Eq. 9–11)".
    public let name: String
    /// The statement in one line, in words.
    public let statement: String
    /// Mathematics (verified on exact objects) or an experiment (decided against a margin).
    public let claimClass: ClaimClass
    public let idPrefixes: [String]
    public let idSuffixes: [String]

    public init(name: String, statement: String, claimClass: ClaimClass, idPrefixes: [String] = [], idSuffixes: [String] = []) {
        self.name = name
        self.statement = statement
        self.claimClass = claimClass
        self.idPrefixes = idPrefixes
        self.idSuffixes = idSuffixes
    }

    public func tests(_ checkID: String) -> Bool {
        idPrefixes.contains { checkID.hasPrefix($0) } || idSuffixes.contains { checkID.hasSuffix($0) }
    }
}
