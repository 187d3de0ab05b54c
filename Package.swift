// swift-tools-version:6.1
import PackageDescription

// The data path, one module a step:
// files → PhareImport → PhareStore → PhareAnalysis → PhareRender → PhareServer / phare.
// PhareCore (models and pure statistics) is below all of them; PhareDemo makes the demo data.
let package = Package(
    name: "Phare",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "phare", targets: ["phare"]),
        .library(name: "PhareCore", targets: ["PhareCore"]),
        .library(name: "PhareImport", targets: ["PhareImport"]),
        .library(name: "PhareAnalysis", targets: ["PhareAnalysis"]),
        .library(name: "PhareStore", targets: ["PhareStore"]),
        .library(name: "PhareDemo", targets: ["PhareDemo"]),
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
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // The domain model (framework, territories, catalogue, questionnaire) and the statistics as
        // pure functions. Foundation only.
        .target(
            name: "PhareCore",
            resources: [
                .copy("Resources/framework.json"), .copy("Resources/territories.tsv"),
                .copy("Resources/indicators.csv"), .copy("Resources/questionnaire.json"),
                .copy("Resources/commune-history.tsv"), .copy("Resources/populations.tsv"),
                .copy("Resources/stage-diagnostic.json"),
            ]
        ),
        // Readers of every file a user brings (CSV with file/line/column errors, catalogue, values,
        // response files, margins, weights).
        .target(
            name: "PhareImport",
            dependencies: ["PhareCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Resources/open-data")]
        ),
        // The reading interface a store implements, and the one pipeline that turns what it reads
        // into the analysed observatory (diagnoses, sensitivity, survey measures, profiles).
        .target(name: "PhareAnalysis", dependencies: ["PhareCore"]),
        // Synthetic survey waves and illustrative indicator values, flagged as such.
        .target(
            name: "PhareDemo",
            dependencies: ["PhareCore", "PhareImport"],
            resources: [
                .copy("Resources/indicators-demo.csv"), .copy("Resources/survey-demo-targets.csv"),
                .copy("Resources/demo-actors.json"), .copy("Resources/alliances-demo.csv"),
                .copy("Resources/demo-waves.json"), .copy("Resources/published-figures.csv"),
            ]
        ),
        // The observatory's store: SQLite through GRDB, PostgreSQL through PostgresNIO (in
        // PostgreSQL/). Stores and loads; computes nothing.
        .target(
            name: "PhareStore",
            dependencies: [
                "PhareCore", "PhareAnalysis", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Outputs: tables (CSV, XLSX, JSON), SVG charts and maps, every HTML page (dashboard and
        // reports), PDF through WeasyPrint.
        .target(
            name: "PhareRender",
            dependencies: ["PhareCore", "PhareAnalysis", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [
                .copy("Resources/geometry.tsv"), .copy("Resources/dashboard.css"), .copy("Resources/dashboard.js"),
                .copy("Resources/toolkit"),
            ]
        ),
        // HTTP only: the route table, the snapshot and its cache, operations (Hummingbird 2).
        .target(
            name: "PhareServer",
            dependencies: [
                "PhareCore", "PhareAnalysis", "PhareRender", "PhareStore", "PhareImport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "phare",
            dependencies: [
                "PhareCore", "PhareImport", "PhareAnalysis", "PhareDemo", "PhareStore", "PhareRender", "PhareServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What the test targets share: the process runner, the demo observatory, R and Python references.
        .target(
            name: "PhareTestSupport", dependencies: ["PhareCore"], path: "Tests/PhareTestSupport", exclude: ["Fixtures"]
        ),
        .testTarget(name: "PhareCoreTests", dependencies: ["PhareCore", "PhareTestSupport"]),
        .testTarget(name: "PhareImportTests", dependencies: ["PhareImport", "PhareTestSupport"]),
        .testTarget(name: "PhareAnalysisTests", dependencies: ["PhareAnalysis", "PhareDemo", "PhareTestSupport"]),
        .testTarget(name: "PhareDemoTests", dependencies: ["PhareDemo", "PhareAnalysis", "PhareTestSupport"]),
        .testTarget(
            name: "PhareStoreTests", dependencies: ["PhareStore", "PhareAnalysis", "PhareImport", "PhareTestSupport"]
        ),
        .testTarget(name: "PhareRenderTests", dependencies: ["PhareRender", "PhareTestSupport"]),
        .testTarget(name: "PhareCLITests", dependencies: ["phare", "PhareTestSupport"]),
        .testTarget(
            name: "PhareServerTests",
            dependencies: [
                "PhareServer", "PhareStore", "PhareDemo", "PhareTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
