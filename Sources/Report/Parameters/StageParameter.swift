/// A field of a stage's config that `couplinglab report --set STAGE.KEY=VALUE` may change for one run:
/// its key, its type and valid range, and how a value is written into the config.
///
/// A stage lists these in `Stage.parameters`; nothing else of its config can be set from outside. The
/// value changes the config, and so the stage's cache key (and the keys of jobs whose JSON it changes).
public struct StageParameter<Config> {
    public let key: String
    public let kind: ParameterKind
    private let set: (inout Config, ParameterValue) -> Void

    /// A parameter whose value `set` writes into the config (for one that changes several fields).
    public init(_ key: String, _ kind: ParameterKind, set: @escaping (inout Config, ParameterValue) -> Void) {
        self.key = key
        self.kind = kind
        self.set = set
    }

    func apply(_ value: ParameterValue, to config: inout Config) { set(&config, value) }

    /// An integer field in `range`.
    public static func integer(_ key: String, _ path: WritableKeyPath<Config, Int>, in range: ClosedRange<Int>) -> Self {
        Self(key, .integer(range)) { config, value in
            if case .integer(let v) = value { config[keyPath: path] = v }
        }
    }

    /// A list of distinct integers, each in `range`, with `count` entries.
    public static func integers(_ key: String, _ path: WritableKeyPath<Config, [Int]>, each range: ClosedRange<Int>,
                                count: ClosedRange<Int>) -> Self {
        Self(key, .integers(each: range, count: count)) { config, value in
            if case .integers(let vs) = value { config[keyPath: path] = vs }
        }
    }

    /// A list of distinct cases of `Choice` (by raw value), with `count` entries.
    public static func choices<Choice: RawRepresentable & CaseIterable>(_ key: String, _ path: WritableKeyPath<Config, [Choice]>,
                                                                        count: ClosedRange<Int>) -> Self
    where Choice.RawValue == String {
        Self(key, .choices(Choice.allCases.map(\.rawValue), count: count)) { config, value in
            if case .choices(let names) = value { config[keyPath: path] = names.compactMap(Choice.init(rawValue:)) }
        }
    }
}
