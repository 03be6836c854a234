// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: Paper → (CouplingTheory → FlowCore → FlowKernels), Plotting/PlotCairo, Report.
// Plotting never imports FlowCore; only PlotCairo touches Cairo; only the CLI reads the environment.
/// Every Markdown file under Sources/Paper (relative to it): the examples' prose and the shared pieces.
let paperProse = [
    "Examples/Fig1-Rotation/prose.md", "Examples/Ex1-WDensity/prose.md", "Examples/Ex2-WUDensity/prose.md",
    "Examples/Ex1a-Ablations/prose.md",
    "Examples/Ex3-ConditionalKL/prose.md", "Examples/Ex4-OAS/prose.md", "Examples/Ex5-LemmaTwo/prose.md",
    "Examples/Ex6-UniformSquare/prose.md", "Examples/Ex7-ToySuite/prose.md", "Examples/Ex8-ClosedForm/prose.md",
    "Examples/Ex9-HiddenSubspace/prose.md",
    "Common/SingleCoupling/protocol.md", "Common/WDensities/theory.md", "Common/WDensities/findings.md",
    "Common/verdict-rule.md", "Common/check-findings.md",
    "Common/DeepSuite/methods.md", "Common/DeepSuite/fairness.md", "Common/DeepSuite/deviations.md",
    "Common/DeepSuite/findings.md", "Common/DeepSuite/early-ranking.md", "Common/DeepSuite/training-cost.md",
]

let package = Package(
    name: "CouplingLab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "couplinglab", targets: ["couplinglab"]),
        .library(name: "FlowCore", targets: ["FlowCore"]),
        .library(name: "CouplingTheory", targets: ["CouplingTheory"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        .library(name: "PlotCairo", targets: ["PlotCairo"]),
        .library(name: "Report", targets: ["Report"]),
        .library(name: "Paper", targets: ["Paper"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // The target's vector register file as the C preprocessor sees it (header-only; read by the kernels).
        .target(name: "_FlowKernelsShims"),
        // The SIMD kernels (products, activations, the one-hidden-layer passes, fast Float math), apart from the
        // model. Every declaration is public and @inlinable, so FlowCore specialises them for Float and Double
        // (generic code called across modules is not specialised otherwise: measured 58–870× slower).
        .target(name: "FlowKernels", dependencies: ["_FlowKernelsShims"]),
        .target(name: "FlowCore", dependencies: ["FlowKernels"]),
        .target(name: "CouplingTheory", dependencies: ["FlowCore"]),
        .target(name: "Plotting"),
        // Write-to-temp-then-rename, shared by PlotCairo (figures) and Report (pages, cache).
        .target(name: "AtomicWrite"),
        .target(name: "PlotCairo", dependencies: ["Plotting", "CCairo", "AtomicWrite"]),
        .target(name: "Report", dependencies: ["AtomicWrite"]),
        // The prose (*.md) is read from the source tree at run time (ExampleFolder, as the literate
        // code is), so it is excluded from the build rather than bundled.
        //
        // Paper is compiled without optimisation, in release too. It is the stages' orchestration, prose
        // and figure assembly; every hot loop it runs lives in FlowCore and CouplingTheory, which stay at -O.
        // Optimising it cost 97 CPU-s of the build's ~170 (a rebuild of Paper alone: 63 s) and saved nothing
        // measurable at run time (per-stage CPU with and without: docs/DESIGN.md, "Build: Paper is not optimised").
        // A hot loop added here would run 5× slower (ex5's HSIC did, before it moved to CouplingTheory):
        // put such code in a library module. Unsafe flags keep other packages from depending on the
        // Paper product; FlowCore and CouplingTheory, the libraries meant for reuse, carry none.
        .target(name: "Paper", dependencies: ["FlowCore", "CouplingTheory", "Plotting", "PlotCairo", "Report"],
                exclude: paperProse, swiftSettings: [.unsafeFlags(["-Onone"])]),
        .executableTarget(
            name: "couplinglab",
            dependencies: [
                "FlowCore", "CouplingTheory", "Plotting", "PlotCairo", "Report", "Paper",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "FlowCoreTests", dependencies: ["FlowCore", "FlowKernels"]),
        .testTarget(name: "CouplingTheoryTests", dependencies: ["CouplingTheory", "FlowCore"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
        .testTarget(name: "PlotCairoTests", dependencies: ["PlotCairo", "Plotting"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        .testTarget(name: "PaperTests", dependencies: ["Paper", "Report", "FlowCore", "CouplingTheory"]),
        .testTarget(name: "CLITests", dependencies: ["couplinglab"]),
    ],
    swiftLanguageModes: [.v5]
)
