import Report

/// Every stage of the report, in the order the report shows them (the paper's order).
public enum StageCatalog {
    public static func stages() -> [any Stage] {
        [
            Figure1Stage(),
            Example1Stage(),
            Example2Stage(),
            Example3Stage(),
            Example4Stage(),
            Example5Stage(),
            Example6Stage(),
            Example7Stage(),
        ]
    }
}
