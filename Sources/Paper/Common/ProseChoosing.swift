import Report

/// A stage whose `prose.md` holds alternatives (`ProseDocument`): the choices its code selects from.
/// Declared on the stage so that a test checks every prose file against its code without running
/// the stage (`ProseFilesTests`); a stage without the conformance declares none.
protocol ProseChoosing {
    static var proseChoices: [any ProseChoice.Type] { get }
}
