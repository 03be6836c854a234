import Foundation

/// One section of the report: an experiment with its own config, seed, figures and checks.
///
/// A stage is a pure function of `(config(for: profile), seed)` plus the code it runs:
/// the runner hashes all of these into a cache key, so a stage must not read anything
/// else (no environment, no wall clock in its outputs, no unseeded randomness).
///
/// Conformers are small value types. Example:
/// ```swift
/// struct Example1: Stage {
///     struct Config: Codable, Sendable { var steps = 4096; var samples = 4096 }
///     let id = "ex1"
///     let title = "Example 1: the W density"
///     let figureNames = ["fig2a"]
///     let seed: UInt64 = 1
///     let sourceFile = #filePath
///     let sourceDependencies = ["Sources/FlowCore", "Sources/CouplingTheory", "Sources/Plotting", "Sources/PlotCairo"]
///     func config(for profile: Profile) -> Config {
///         profile == .paper ? Config() : Config(steps: 64, samples: 512)
///     }
///     func run(config: Config, context: StageContext) throws -> StageOutput {
///         // @literate begin train
///         var rng = SeededGenerator(seed: context.seed)
///         let loss = try train(steps: config.steps, using: &rng) { step in
///             context.progress(fraction: Double(step) / Double(config.steps), message: "training")
///         }
///         // @literate end
///         try makeFigure().savePNGAndSVG(base: context.figureBase("fig2a"))   // PlotCairo
///         return StageOutput(
///             metrics: ["trained_ml_loss": .number(loss)],
///             checks: [.atMost(id: "ex1.loss_gap", claim: "trained loss reaches the Theorem 1 bound",
///                              measured: loss - bound, tolerance: 0.05)],
///             // prose.md beside this file: `## What the paper claims` … with {{loss}} where the value goes.
///             markdown: try ProseTemplate.load(proseFile).render(["loss": String(format: "%.4f", loss)]))
///     }
/// }
/// ```
public protocol Stage: Sendable {
    /// The stage's parameters; encoded to JSON for the cache key and the report's config table.
    associatedtype Config: Codable & Sendable

    /// Stable identifier from DESIGN.md (`fig1`, `ex1`, …); also the cache and results.json key.
    var id: String { get }
    /// The section heading.
    var title: String { get }
    /// The figures this stage owns, without extension (`fig2a`); each is written as PNG and/or SVG.
    var figureNames: [String] { get }
    /// The seed of the stage's random generator; part of the cache key and the provenance.
    var seed: UInt64 { get }
    /// Absolute path of the Swift file that defines the stage: conformers write `#filePath`.
    ///
    /// Its content is part of the cache key, and its `// @literate begin NAME` … `// @literate end`
    /// blocks are shown in the report. Keep one stage per file so a section shows only its own code.
    var sourceFile: String { get }
    /// Further source files or folders whose content the results depend on (the library code
    /// the stage calls), relative to the package root (the folder with `Package.swift` above
    /// `sourceFile`) or absolute. Folders are hashed recursively (`.swift` files). Default: none.
    var sourceDependencies: [String] { get }
    /// The library source that the stage's cached training jobs run (`context.jobs`): files or
    /// folders as in `sourceDependencies`. Empty (the default): the stage has no per-job cache.
    /// Editing anything else — the stage's prose, figures or checks — reruns the stage but no job.
    var jobSourceDependencies: [String] { get }

    /// The fields of `Config` that `couplinglab report --set` may change, with their types and ranges
    /// (default: none). See `StageParameter`.
    var parameters: [StageParameter<Config>] { get }

    /// The configuration used for a profile.
    func config(for profile: Profile) -> Config
    /// Runs the experiment, writes its figures under `context` and returns its results.
    func run(config: Config, context: StageContext) throws -> StageOutput
}

extension Stage {
    public var sourceDependencies: [String] { [] }
    public var jobSourceDependencies: [String] { [] }

    /// The config for `profile` (with `parameters` set) as canonical JSON (sorted keys): the cache key and
    /// config table use it.
    public func configJSON(for profile: Profile, parameters: [String: ParameterValue] = [:]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(config(for: profile, parameters: parameters))
    }

    /// Runs the stage for a profile (with `parameters` set) without the caller needing to know `Config`
    /// (type erasure).
    public func runErased(profile: Profile, parameters: [String: ParameterValue] = [:], context: StageContext) throws -> StageOutput {
        try run(config: config(for: profile, parameters: parameters), context: context)
    }
}
