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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
        .target(
            name: "PhareIO",
            dependencies: ["PhareCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The observatory's store: SQLite through GRDB.
        .target(
            name: "PhareStore",
            dependencies: ["PhareCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // SVG charts, maps, HTML (grows with the dashboard and report issues).
        .target(
            name: "PhareRender",
            dependencies: ["PhareCore", "PhareIO"],
            resources: [.copy("Resources/geometry.tsv"), .copy("Resources/dashboard.css"), .copy("Resources/dashboard.js")]
        ),
        // HTTP dashboard and API (Hummingbird 2).
        .target(
            name: "PhareServer",
            dependencies: [
                "PhareCore", "PhareIO", "PhareRender", "PhareStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "phare",
            dependencies: [
                "PhareCore", "PhareIO", "PhareStore", "PhareRender", "PhareServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
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
        .testTarget(name: "PhareCLITests", dependencies: ["phare"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PhareRenderTests", dependencies: ["PhareRender", "PhareIO"]),
        .testTarget(
            name: "PhareServerTests",
            dependencies: [
                "PhareServer", "PhareStore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The ceiling for the server benchmark: one bare Hummingbird route, nothing else.
        .executableTarget(
            name: "bare-hummingbird",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/server/BareHummingbird"
        ),
    ],
    swiftLanguageModes: [.v6]
)
