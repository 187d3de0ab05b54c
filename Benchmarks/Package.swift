// swift-tools-version:6.1
import PackageDescription

// The benchmarks' own package, so that `swift build --build-tests` of Phare does not build them.
// Each `Benchmarks/*/run` script builds what it needs here with `swift build -c release`.
let package = Package(
    name: "PhareBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // The indicator pipeline benchmark (indicators/run prints its figures).
        .executableTarget(
            name: "phare-bench-indicators",
            dependencies: [
                .product(name: "PhareCore", package: "Phare"),
                .product(name: "PhareImport", package: "Phare"),
                .product(name: "PhareAnalysis", package: "Phare"),
                .product(name: "PhareStore", package: "Phare"),
            ],
            path: "indicators/Sources"
        ),
        // The ceiling for the server benchmark: one bare Hummingbird route, nothing else.
        .executableTarget(
            name: "bare-hummingbird",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "server/BareHummingbird"
        ),
    ],
    swiftLanguageModes: [.v6]
)
