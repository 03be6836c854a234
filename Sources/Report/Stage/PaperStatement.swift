/// A statement of the paper (a lemma, theorem, algorithm or claim of its experiments) and the
/// checks that test it, for the claims scoreboard at the top of the report.
///
/// The report engine knows no paper: the catalogue of statements comes from the `Paper` module.
/// A check belongs to a statement when its id starts with one of `idPrefixes` or ends with one of
/// `idSuffixes` (e.g. `lw_oas_beats_lw_rnd` for every toy of Example 7).
public struct PaperStatement: Sendable, Equatable {
    /// Short name, e.g. "Lemma 1 (Eq. 9–11)".
    public let name: String
    /// The statement in one line, in words.
    public let statement: String
    public let idPrefixes: [String]
    public let idSuffixes: [String]

    public init(name: String, statement: String, idPrefixes: [String] = [], idSuffixes: [String] = []) {
        self.name = name
        self.statement = statement
        self.idPrefixes = idPrefixes
        self.idSuffixes = idSuffixes
    }

    public func tests(_ checkID: String) -> Bool {
        idPrefixes.contains { checkID.hasPrefix($0) } || idSuffixes.contains { checkID.hasSuffix($0) }
    }
}
