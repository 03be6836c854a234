import Foundation
import Report

/// An example's folder, found from the stage file's own path (`#filePath`), the way the report
/// finds literate code: its prose (`prose.md`) is read from the source tree at run time, and the
/// stage's cache key covers this folder (code and prose), the top-level files of `Common/`, the
/// `Common/` subfolders it uses (`CommonPart`) and the library modules — so editing the deep suite's
/// figure code reruns ex6/ex7, not the single-layer stages.
///
/// So editing `prose.md` reruns that stage's section (for ex6/ex7 without retraining: their jobs
/// are keyed on the compute libraries only, `DeepSuite.jobSources`), and a binary run away from its sources fails the
/// stage with a message naming the missing file rather than printing empty prose.
struct ExampleFolder {
    /// The library modules that compute (package-relative): a cached job runs code from these only (the
    /// SIMD kernels are a module of their own, and a job's result depends on them as much as on the model).
    static let computeLibraries = ["Sources/FlowKernels", "Sources/FlowCore", "Sources/CouplingTheory"]
    /// The library modules every example's results depend on (package-relative).
    static let libraries = computeLibraries + ["Sources/Plotting", "Sources/PlotCairo"]
    static let proseFile = "prose.md"

    /// Absolute path of the folder holding the stage file.
    let path: String
    /// The `Common/` subfolders the stage's code uses.
    let parts: [CommonPart]

    init(_ stageFile: String = #filePath, uses parts: [CommonPart] = []) {
        path = URL(fileURLWithPath: stageFile).deletingLastPathComponent().path
        self.parts = parts
    }

    /// `Sources/Paper/Common`, package-relative.
    static var common: String { relative(commonPath) }
    static var commonPath: String { URL(fileURLWithPath: #filePath).deletingLastPathComponent().path }

    /// The files directly in `Common/` (shared by every example), package-relative.
    static var commonFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: commonPath)) ?? []
        return names.filter { $0.hasSuffix(".swift") || $0.hasSuffix(".md") }.sorted().map { common + "/" + $0 }
    }

    /// The stage's `sourceDependencies`: this folder, Common's own files, the used Common parts (with
    /// what they use) and the libraries, package-relative.
    var sourceDependencies: [String] {
        let used = Set(parts.flatMap(\.withDependencies)).sorted { $0.rawValue < $1.rawValue }
        return [Self.relative(path)] + Self.commonFiles + used.map { Self.common + "/" + $0.rawValue } + Self.libraries
    }

    var prosePath: String { path + "/" + Self.proseFile }

    /// The prose rendered with `values`. Throws on a name the template uses but `values` lacks,
    /// and on a value the template does not use — both mean prose and code disagree.
    func prose(_ values: [String: String]) throws -> String {
        try document().render(values)
    }

    /// The prose file with the alternatives `choices` select from (`ProseDocument`: the file must
    /// hold exactly their cases).
    func document(choices: [any ProseChoice.Type] = []) throws -> ProseDocument {
        try ProseDocument.load(prosePath, choices: choices)
    }

    /// A shared prose piece `Common/<name>` rendered with `values`, as strictly as `prose(_:)`.
    static func commonPiece(_ name: String, _ values: [String: String] = [:]) throws -> String {
        try commonDocument(name).render(values)
    }

    /// A shared prose piece `Common/<name>` with the alternatives `choices` select from.
    static func commonDocument(_ name: String, choices: [any ProseChoice.Type] = []) throws -> ProseDocument {
        try ProseDocument.load(commonPath + "/" + name, choices: choices)
    }

    /// `…/Sources/Paper/X` → `Sources/Paper/X` (cache keys must not depend on the clone's location).
    static func relative(_ absolute: String) -> String {
        guard let range = absolute.range(of: "/Sources/", options: .backwards) else { return absolute }
        return String(absolute[absolute.index(after: range.lowerBound)...])
    }
}

/// The shared subfolders of `Sources/Paper/Common`.
enum CommonPart: String, CaseIterable {
    case singleCoupling = "SingleCoupling", wDensities = "WDensities", deepSuite = "DeepSuite"

    /// This part and the parts its code uses (Examples 1–3's W machinery trains single couplings).
    var withDependencies: [CommonPart] { self == .wDensities ? [self, .singleCoupling] : [self] }
}
