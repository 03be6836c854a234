/// The values set on the command line for one run, by stage and key, each checked against the stage's
/// declared parameter (`Stage.parameters`): what `RunOptions.parameters` carries to the runner, which
/// writes them into the stages' configs.
public struct ParameterOverrides: Sendable, Equatable {
    private var values: [String: [String: ParameterValue]] = [:]

    public init() {}

    public var isEmpty: Bool { values.isEmpty }

    /// The values set for `stage` (empty when none).
    public subscript(stage: String) -> [String: ParameterValue] { values[stage] ?? [:] }

    /// Sets `stage.key` from `text` as the stage declares the parameter: its type and range.
    public mutating func set(stage: String, key: String, text: String, in stages: [any Stage]) throws(ParameterError) {
        let valid = Self.validKeys(stages)
        guard let owner = stages.first(where: { $0.id == stage }), !owner.parameterKinds.isEmpty else {
            throw .unknownStage(stage, valid: valid)
        }
        guard let kind = owner.parameterKinds.first(where: { $0.key == key })?.kind else {
            throw .unknownKey(stage: stage, key: key, valid: Self.validKeys([owner]))
        }
        let name = "\(stage).\(key)"
        guard values[stage]?[key] == nil else { throw .repeated(name: name, valid: Self.validKeys([owner])) }
        do {
            values[stage, default: [:]][key] = try kind.parse(text)
        } catch .wrongType {
            throw .wrongType(name: name, value: text, expected: kind.expectation, valid: Self.validKeys([owner]))
        } catch {
            throw .outOfRange(name: name, value: text, allowed: kind.summary, valid: Self.validKeys([owner]))
        }
    }

    /// Throws for a stage or key none of `stages` declares (values built for another set of stages).
    func check(against stages: [any Stage]) throws(ParameterError) {
        for (stage, keys) in values {
            guard let owner = stages.first(where: { $0.id == stage }) else { throw .unknownStage(stage, valid: Self.validKeys(stages)) }
            for key in keys.keys where !owner.parameterKinds.contains(where: { $0.key == key }) {
                throw .unknownKey(stage: stage, key: key, valid: Self.validKeys([owner]))
            }
        }
    }

    /// `ex7.seeds = 12; ex7.toys = moons,rings` (sorted), for the provenance table.
    var summary: String {
        values.keys.sorted().flatMap { stage in
            values[stage]!.keys.sorted().map { "\(stage).\($0) = \(values[stage]![$0]!.text)" }
        }.joined(separator: "; ")
    }

    /// Every declared `stage.key (type and range)`, for error messages.
    public static func validKeys(_ stages: [any Stage]) -> [String] {
        stages.flatMap { stage in stage.parameterKinds.map { "\(stage.id).\($0.key) (\($0.kind.summary))" } }
    }
}
