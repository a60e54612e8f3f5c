// swift-tools-version:6.1
// Benchmarks for Boomerang's hot paths, kept in their own package so the main build and `make test`
// never compile package-benchmark. Run from this folder: `swift package benchmark`.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was cloned.
let boomerang = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let benchmark: Target.Dependency = .product(name: "Benchmark", package: "package-benchmark")
let plugin: Target.PluginUsage = .plugin(name: "BenchmarkPlugin", package: "package-benchmark")

let package = Package(
    name: "BoomerangBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkFixtures",
            dependencies: [
                .product(name: "Planning", package: boomerang),
                .product(name: "Routing", package: boomerang),
                .product(name: "Synthetic", package: boomerang),
                .product(name: "ReturnsNetwork", package: boomerang),
            ],
            path: "BenchmarkFixtures"
        ),
        .executableTarget(name: "RouteDecision", dependencies: [benchmark, "BenchmarkFixtures"], path: "RouteDecision", plugins: [plugin]),
        .executableTarget(name: "ReferenceRouter", dependencies: [benchmark, "BenchmarkFixtures"], path: "ReferenceRouter", plugins: [plugin]),
        .executableTarget(name: "CompileTable", dependencies: [benchmark, "BenchmarkFixtures"], path: "CompileTable", plugins: [plugin]),
        .executableTarget(
            name: "HubPlacement",
            dependencies: [benchmark, .product(name: "FacilityLocation", package: boomerang), .product(name: "Planning", package: boomerang), "BenchmarkFixtures"],
            path: "HubPlacement", plugins: [plugin]
        ),
        .executableTarget(name: "PlanBuild", dependencies: [benchmark, "BenchmarkFixtures"], path: "PlanBuild", plugins: [plugin]),
    ]
)
