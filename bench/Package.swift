// swift-tools-version:6.1
import Foundation
import PackageDescription

// The benchmarks are their own package so that the main package and CI never build them.
// A path dependency's identity is its folder's name, which depends on where the repository is
// cloned: read it from this manifest's location instead of spelling it.
let mainPackageFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let mainPackage = mainPackageFolder.lastPathComponent

let package = Package(
    name: "CouplingLabBench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        // Only for the optional micro-benchmark Ex1Step (malloc counts per step); the interposer
        // trait counts allocations without jemalloc.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // What both timing programs share: CPU time and peak memory of the process.
        .target(name: "BenchSupport"),
        // The clock (a dependent-add chain in inline assembly) and the Float FMA rate of this core and build:
        // the peak summarize.py divides by.
        .target(name: "CycleClock"),
        .executableTarget(
            name: "peak-probe",
            dependencies: ["CycleClock", .product(name: "FlowCore", package: mainPackage)]
        ),
        // Example 1's training with FlowCore's trainer, timed; prints one JSON line like ex1_torch.py.
        .executableTarget(
            name: "ex1-bench",
            dependencies: ["BenchSupport", .product(name: "FlowCore", package: mainPackage)]
        ),
        // Training steps of a 12-block flow with [64, 64] subnets (deep_torch.py's network), timed.
        .executableTarget(
            name: "deep-bench",
            dependencies: ["BenchSupport", .product(name: "FlowCore", package: mainPackage)]
        ),
        // One training step, micro-benchmarked: wall time and mallocs (see Benchmarks/Ex1Step).
        .executableTarget(
            name: "Ex1Step",
            dependencies: [
                .product(name: "FlowCore", package: mainPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Ex1Step",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
