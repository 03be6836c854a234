/// One choice the code makes between alternatives of a prose file: a `String` enum whose cases are
/// the alternatives `<!-- alternative: group.case -->` of one group.
///
/// The enum is the declaration `ProseDocument` checks the file against: every case must have its
/// alternative and every alternative its case, so the set of sentences the code can produce is
/// known before any run takes a branch.
///
/// ```swift
/// enum Deviations: String, ProseChoice {
///     static let group = "deviations"
///     case justified, notNeeded = "not_needed"
/// }
/// let text = try prose.text(Deviations.justified)
/// ```
public protocol ProseChoice: CaseIterable, RawRepresentable where RawValue == String {
    /// The part of the alternative's name before the dot.
    static var group: String { get }
}

extension ProseChoice {
    /// `group.case`, as the marker line writes it.
    public var alternativeName: String { Self.group + "." + rawValue }

    /// Every alternative this choice may select.
    public static var alternativeNames: [String] { allCases.map(\.alternativeName) }
}
