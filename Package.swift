// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Boomerang",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "boomerang", targets: ["boomerang"]),
        .library(name: "MIP", targets: ["MIP"]),
        .library(name: "ReturnsNetwork", targets: ["ReturnsNetwork"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "Routing", targets: ["Routing"]),
        .library(name: "Synthetic", targets: ["Synthetic"]),
        .library(name: "Report", targets: ["Report"]),
        .library(name: "FacilityLocation", targets: ["FacilityLocation"]),
        .library(name: "ReturnsService", targets: ["ReturnsService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        .target(name: "MIP", dependencies: ["CGLPK"]),
        .target(name: "ReturnsNetwork", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Planning", dependencies: ["MIP", "ReturnsNetwork"]),
        .target(name: "FacilityLocation", dependencies: ["MIP"]),
        .target(name: "Routing", dependencies: ["Planning", "ReturnsNetwork"]),
        .target(name: "Report", dependencies: ["Planning", "ReturnsNetwork"], resources: [.copy("Resources/world-countries-110m.geojson"), .copy("Resources/CREDITS.md")]),
        .target(name: "Synthetic", dependencies: ["ReturnsNetwork", "Routing"], resources: [.copy("Resources/cities-100k.csv"), .copy("Resources/customs.csv"), .copy("Resources/exchange-rates.csv"), .copy("Resources/landmasses.csv"), .copy("Resources/CREDITS.md")]),
        .target(
            name: "ReturnsService",
            dependencies: [
                "Routing", "Planning", "ReturnsNetwork",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "boomerang",
            dependencies: [
                "Planning", "ReturnsNetwork", "MIP", "Routing", "Synthetic", "Report", "FacilityLocation", "ReturnsService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MIPTests", dependencies: ["MIP"]),
        .testTarget(name: "ReturnsNetworkTests", dependencies: ["ReturnsNetwork"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "MIP", "ReturnsNetwork"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing", "Planning", "ReturnsNetwork", "Synthetic"]),
        .testTarget(name: "FacilityLocationTests", dependencies: ["FacilityLocation", "MIP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Planning", "ReturnsNetwork", "Synthetic"]),
        .testTarget(
            name: "ReturnsServiceTests",
            dependencies: [
                "ReturnsService", "Routing", "Planning", "ReturnsNetwork", "Synthetic",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "BoomerangCLITests", dependencies: ["boomerang", "Planning", "ReturnsNetwork"]),
    ]
)
