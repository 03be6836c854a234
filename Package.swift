// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: Paper → (CouplingTheory → FlowCore), Plotting/PlotCairo, Report.
// Plotting never imports FlowCore; only PlotCairo touches Cairo; only the CLI reads the environment.
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
        .target(name: "FlowCore"),
        .target(name: "CouplingTheory", dependencies: ["FlowCore"]),
        .target(name: "Plotting"),
        .target(name: "PlotCairo", dependencies: ["Plotting", "CCairo"]),
        .target(name: "Report"),
        .target(name: "Paper", dependencies: ["FlowCore", "CouplingTheory", "Plotting", "PlotCairo", "Report"]),
        .executableTarget(
            name: "couplinglab",
            dependencies: [
                "FlowCore", "CouplingTheory", "Plotting", "PlotCairo", "Report", "Paper",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "FlowCoreTests", dependencies: ["FlowCore"]),
        .testTarget(name: "CouplingTheoryTests", dependencies: ["CouplingTheory", "FlowCore"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
        .testTarget(name: "PlotCairoTests", dependencies: ["PlotCairo", "Plotting"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        .testTarget(name: "PaperTests", dependencies: ["Paper", "Report", "FlowCore", "CouplingTheory"]),
        .testTarget(name: "CLITests", dependencies: ["couplinglab"]),
    ],
    swiftLanguageModes: [.v5]
)
