import Report

/// Every stage of the report, in the order the report shows them.
public enum StageCatalog {
    public static func stages() -> [any Stage] {
        []
    }
}
