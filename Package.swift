// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Phare",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "phare", targets: ["phare"]),
        .library(name: "PhareCore", targets: ["PhareCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Domain model and statistics. No dependency but Foundation: builds and tests in seconds.
        // Optimised even in debug builds: the statistics (survey linearisation, Monte-Carlo runs)
        // are 10–20 times slower unoptimised, and the CLI tests run them on the demo data.
        .target(
            name: "PhareCore",
            resources: [
                .copy("Resources/framework.json"), .copy("Resources/territories.tsv"),
                .copy("Resources/indicators.csv"), .copy("Resources/indicators-demo.csv"),
                .copy("Resources/questionnaire.json"), .copy("Resources/survey-demo-targets.csv"),
            ],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // Importers and exporters (CSV with line/column errors, output formats).
        .target(name: "PhareIO", dependencies: ["PhareCore"]),
        // The observatory's store: SQLite through GRDB.
        .target(
            name: "PhareStore",
            dependencies: ["PhareCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // SVG charts, maps, HTML (grows with the dashboard and report issues).
        .target(name: "PhareRender", dependencies: ["PhareCore"]),
        // HTTP dashboard and API (grows with the dashboard issue).
        .target(name: "PhareServer", dependencies: ["PhareCore", "PhareRender", "PhareStore"]),
        .executableTarget(
            name: "phare",
            dependencies: [
                "PhareCore", "PhareIO", "PhareStore", "PhareRender", "PhareServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The indicator pipeline benchmark (Benchmarks/indicators/run prints its figures); not a test.
        .executableTarget(
            name: "phare-bench-indicators",
            dependencies: ["PhareCore", "PhareIO", "PhareStore"],
            path: "Benchmarks/indicators/Sources"
        ),
        .testTarget(name: "PhareCoreTests", dependencies: ["PhareCore"]),
        .testTarget(name: "PhareIOTests", dependencies: ["PhareIO"]),
        .testTarget(name: "PhareStoreTests", dependencies: ["PhareStore"]),
        .testTarget(name: "PhareRenderTests", dependencies: ["PhareRender"]),
        .testTarget(name: "PhareCLITests", dependencies: ["phare"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
