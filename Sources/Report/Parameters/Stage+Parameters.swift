import Foundation

extension Stage {
    public var parameters: [StageParameter<Config>] { [] }

    /// The declared parameters' keys and kinds, without the config type.
    public var parameterKinds: [(key: String, kind: ParameterKind)] { parameters.map { ($0.key, $0.kind) } }

    /// The config for `profile` with `values` (from `--set`) written into it, in key order.
    public func config(for profile: Profile, parameters values: [String: ParameterValue]) throws(ParameterError) -> Config {
        var config = config(for: profile)
        let declared = parameters
        for key in values.keys.sorted() {
            guard let parameter = declared.first(where: { $0.key == key }) else {
                throw .unknownKey(stage: id, key: key, valid: ParameterOverrides.validKeys([self]))
            }
            parameter.apply(values[key]!, to: &config)
        }
        return config
    }
}
