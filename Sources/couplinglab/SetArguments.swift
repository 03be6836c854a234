import Report

/// `--set STAGE.KEY=VALUE` arguments → the run's parameter values. The syntax is read here; each value is
/// read and checked by the stage's declaration of the parameter (its type and range).
enum SetArguments {
    static func overrides(_ arguments: [String], stages: [any Stage]) throws(ParameterError) -> ParameterOverrides {
        var overrides = ParameterOverrides()
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), let dot = argument[..<equals].firstIndex(of: "."),
                  dot > argument.startIndex, argument.index(after: dot) < equals else {
                throw .malformed(argument, valid: ParameterOverrides.validKeys(stages))
            }
            try overrides.set(stage: String(argument[..<dot]), key: String(argument[argument.index(after: dot)..<equals]),
                              text: String(argument[argument.index(after: equals)...]), in: stages)
        }
        return overrides
    }
}
