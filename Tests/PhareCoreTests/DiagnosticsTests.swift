import Foundation
import Testing

@testable import PhareCore

/// A small framework and catalogue for worked examples: 3 domains in 2 axes.
enum WorkedExample {
    static func text(_ value: String) -> LocalizedText { LocalizedText(fr: value, en: value) }

    static let framework = Framework(
        id: "test", version: "1", name: text("Test"),
        axes: [Axis(code: "eco", label: text("Eco")), Axis(code: "soc", label: text("Soc"))],
        domains: [
            Domain(code: "emploi", axis: "eco", label: text("Emploi"), shortLabel: text("Emploi")),
            Domain(code: "revenu", axis: "eco", label: text("Revenu"), shortLabel: text("Revenu")),
            Domain(code: "sante", axis: "soc", label: text("Santé"), shortLabel: text("Santé")),
        ],
        actors: [], partnershipTypes: [], partnershipScopes: [], coConstructionDynamic: [], innovationStages: [],
        supportLevers: [], allianceImpacts: []
    )

    static func indicator(_ code: String, _ domain: String, _ polarity: Polarity) -> IndicatorDefinition {
        IndicatorDefinition(
            code: code, label: text(code), domain: domain, unit: "%", polarity: polarity, aggregation: .mean,
            source: "test", vintage: "2021", levels: [.region])
    }

    static func peers(_ count: Int) -> [Territory] {
        (0..<count).map {
            Territory(
                id: TerritoryID(.region, "R\($0)"), name: "Région \($0)", parent: nil, population: nil, areaKm2: nil)
        }
    }

    static func input(_ indicators: [IndicatorDefinition], values: [[Double?]], national: [Double?], peers: Int)
        -> DiagnosisInput
    {
        let territories = Self.peers(peers)
        let series = indicators.enumerated().map { k, definition in
            var byCode: [String: FlaggedValue] = [:]
            for (p, value) in values[k].enumerated() {
                if let value { byCode[territories[p].code] = FlaggedValue(value, .observed) }
            }
            return IndicatorSeries(
                indicator: definition.code, year: 2021, values: byCode,
                national: national[k].map { FlaggedValue($0, .observed) })
        }
        return DiagnosisInput(
            framework: framework, catalogue: IndicatorCatalogue(indicators), level: .region, peerSet: .all,
            peers: territories, series: series)
    }
}

@Suite struct DiagnosticsTests {
    /// Worked by hand. Unemployment 8, 10, 12 (higher is fragile): mean 10, sd 2, z = −1, 0, 1,
    /// scores 90, 100, 110. Income 20 000, 22 000, 30 000 (higher is robust): mean 24 000,
    /// sd = √(28·10⁶) = 5 291.503, oriented z = 0.755929, 0.377964, −1.133893, scores 107.559,
    /// 103.780, 88.661. Domain "emploi" holds both: arithmetic means 98.780, 101.890, 99.330,
    /// so ranks (1 = most fragile) 3, 1, 2.
    @Test func zScoreArithmeticWorkedByHand() throws {
        let indicators = [
            WorkedExample.indicator("chomage", "emploi", .higherIsFragile),
            WorkedExample.indicator("revenu", "emploi", .higherIsRobust),
        ]
        let input = WorkedExample.input(
            indicators, values: [[8, 10, 12], [20000, 22000, 30000]], national: [9, 23000], peers: 3)
        let diagnosis = Diagnostics.diagnose(input, method: DiagnosisMethod())
        let scores = diagnosis.territories.map { $0.domains[0].score ?? .nan }
        let expected = [98.779645, 101.889822, 99.330533]
        for (score, reference) in zip(scores, expected) { #expect(abs(score - reference) < 1e-5) }
        #expect(diagnosis.territories.map { $0.domains[0].rank } == [3, 1, 2])
        let first = diagnosis.territories[0].indicators[1]
        #expect(first.rank == 1)  // lowest income = most fragile
        #expect(abs((first.zScore ?? 0) - 0.755929) < 1e-6)
        #expect(first.gap == -3000)
        #expect(abs((first.gapPercent ?? 0) - (-13.043478)) < 1e-5)
        // Domain without indicator values: no score, no rank, coverage 0.
        #expect(diagnosis.territories[0].domains[2].score == nil)
        #expect(diagnosis.territories[0].domains[2].rank == nil)
        // The axis "eco" averages the two domains present (only emploi has values).
        #expect(abs((diagnosis.territories[0].axes[0].score ?? 0) - expected[0]) < 1e-5)
    }

    @Test func ranksFollowRConventions() {
        // R: rank(c(3, 1, 3, NA, 2), ties.method = "min") = 3 1 3 NA 2; average: 3.5 1 3.5 NA 2.
        #expect(Ranking.competition([3, 1, 3, .nan, 2]) == [3, 1, 3, nil, 2])
        let average = Ranking.average([3, 1, 3, .nan, 2])
        #expect(average[0] == 3.5 && average[1] == 1 && average[2] == 3.5 && average[3].isNaN && average[4] == 2)
        // R: quantile(c(1, 2, 4, 7, 11), c(.05, .5, .95)) = 1.2, 4, 10.2
        let q = [0.05, 0.5, 0.95].map { Quantile.type7([1, 2, 4, 7, 11], $0) ?? .nan }
        #expect(abs(q[0] - 1.2) < 1e-12 && q[1] == 4 && abs(q[2] - 10.2) < 1e-12)
    }

    @Test func firstOrderIndexOfAGroupedSample() {
        // y = 1, 3 | 5, 7 by level: grand mean 4, group means 2 and 6, between SS = 2·4 + 2·4 = 16,
        // total SS = 9 + 1 + 1 + 9 = 20, S = 0.8.
        let (index, means) = Sensitivity.firstOrderIndex([1, 3, 5, 7], levels: [0, 0, 1, 1], levelCount: 2)
        #expect(abs(index - 0.8) < 1e-12)
        #expect(means == [2, 6])
    }

    /// Every normalisation × imputation × aggregation (the named ones, power:2 and power:-0.5)
    /// against an independent numpy
    /// implementation (Tests/Reference/diagnostics_reference.py), on 7 peers and 6 indicators
    /// with both polarities, missing values, a tie and unequal weights.
    @Test(
        .enabled(
            if: PythonReference.numpyAvailable,
            "python3 with numpy is needed for the numpy reference (scripts/install-dependencies installs it)"))
    func everyMethodMatchesNumpy() throws {
        let indicators = [
            WorkedExample.indicator("chomage", "emploi", .higherIsFragile),
            WorkedExample.indicator("emploi-jeunes", "emploi", .higherIsRobust),
            WorkedExample.indicator("revenu", "revenu", .higherIsRobust),
            WorkedExample.indicator("pauvrete", "revenu", .higherIsFragile),
            WorkedExample.indicator("medecins", "sante", .higherIsRobust),
            WorkedExample.indicator("mortalite", "sante", .higherIsFragile),
        ]
        let values: [[Double?]] = [
            [7.1, 9.4, 12.8, nil, 8.0, 10.2, 9.4],
            [71, 64, 58, 69, nil, 62, 66],
            [23100, 21000, 19800, 22500, 24900, nil, 21700],
            [13.2, 16.0, 19.5, 14.1, 11.8, 17.7, 15.3],
            [9.1, 7.4, 6.0, 8.8, nil, nil, 7.9],
            [170, 195, 230, 160, 150, 210, 188],
        ]
        let national: [Double?] = [9.8, 65, 22000, 15.0, 8.2, 185]
        let indicatorWeights = [1.0, 2.0, 1.5, 0.5, 1.0, 3.0]
        let domainWeights = [2.0, 1.0, 1.0]
        let input = WorkedExample.input(indicators, values: values, national: national, peers: 7)
        let weights = DiagnosisWeights(
            indicators: Dictionary(uniqueKeysWithValues: zip(indicators.map(\.code), indicatorWeights)),
            domains: ["emploi": 2, "revenu": 1, "sante": 1]
        )
        let sample = (0..<40).map { Double(($0 * 37) % 23) / 3 }
        let aggregations = CompositeAggregation.named + [.power(2), .power(-0.5)]
        let reference = try PythonReference.run([
            "values": values.map { $0.map { $0 as Any? ?? NSNull() } },
            "national": national.map { $0 as Any? ?? NSNull() },
            "sign": indicators.map(\.polarity.sign), "domain": [0, 0, 1, 1, 2, 2], "axis": [0, 0, 1],
            "weights": indicatorWeights, "domain_weights": domainWeights, "quantile_sample": sample,
            "aggregations": aggregations.map(\.rawValue),
        ])
        var compared = 0
        for imputation in Imputation.allCases {
            for normalisation in Normalisation.allCases {
                for aggregation in aggregations {
                    let key = "\(normalisation.rawValue)/\(aggregation.rawValue)/\(imputation.rawValue)"
                    let expected = try #require(reference[key] as? [String: Any])
                    let method = DiagnosisMethod(
                        normalisation: normalisation, aggregation: aggregation, imputation: imputation, weights: weights
                    )
                    let diagnosis = Diagnostics.diagnose(input, method: method)
                    let normalised = try #require(expected["normalised"] as? [[Any]])
                    let domains = try #require(expected["domains"] as? [[Any]])
                    let axes = try #require(expected["axes"] as? [[Any]])
                    let domainRanks = try #require(expected["domain_ranks"] as? [[Any]])
                    let axisRanks = try #require(expected["axis_ranks"] as? [[Any]])
                    for (p, territory) in diagnosis.territories.enumerated() {
                        for k in indicators.indices {
                            expectClose(
                                territory.indicators[k].normalised, normalised[k][p], "\(key) normalised[\(k)][\(p)]")
                        }
                        for d in 0..<3 {
                            expectClose(territory.domains[d].score, domains[d][p], "\(key) domain \(d) peer \(p)")
                            #expect(
                                territory.domains[d].rank == domainRanks[d][p] as? Int, "\(key) domain rank \(d) \(p)")
                        }
                        for a in 0..<2 {
                            expectClose(territory.axes[a].score, axes[a][p], "\(key) axis \(a) peer \(p)")
                            #expect(territory.axes[a].rank == axisRanks[a][p] as? Int, "\(key) axis rank \(a) \(p)")
                        }
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 3 * 4 * 7 * 7)
        let indicatorRanks = try #require(reference["indicator_ranks"] as? [[Any]])
        let diagnosis = Diagnostics.diagnose(input, method: DiagnosisMethod())
        for (p, territory) in diagnosis.territories.enumerated() {
            for k in indicators.indices { #expect(territory.indicators[k].rank == indicatorRanks[k][p] as? Int) }
        }
        let quantiles = try #require(reference["quantiles"] as? [Double])
        let sorted = sample.sorted()
        for (q, expected) in zip([0.05, 0.5, 0.95], quantiles) {
            #expect(abs((Quantile.type7(sorted, q) ?? .nan) - expected) < 1e-12)
        }
    }

    func expectClose(
        _ value: Double?, _ reference: Any, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if let expected = reference as? Double {
            #expect(
                value != nil && abs((value ?? .nan) - expected) <= 1e-9 * max(1, abs(expected)),
                "\(label): \(String(describing: value)) vs \(expected)", sourceLocation: sourceLocation)
        } else {
            #expect(value == nil, "\(label): \(String(describing: value)) vs missing", sourceLocation: sourceLocation)
        }
    }

    @Test func sobolDesignGivesIndicesOfEveryAxisRank() throws {
        let indicators = (0..<8).map {
            WorkedExample.indicator(
                "i\($0)", ["emploi", "revenu", "sante"][$0 % 3], $0 % 2 == 0 ? .higherIsFragile : .higherIsRobust)
        }
        var random = SeededRandom(seed: 99)
        let values: [[Double?]] = indicators.indices.map { k in
            (0..<9).map { p in (k + p) % 7 == 3 ? nil : 50 + 10 * random.nextNormal() }
        }
        let input = WorkedExample.input(indicators, values: values, national: indicators.map { _ in 50 }, peers: 9)
        let result = try Sensitivity.analyse(input, runs: 128, seed: 7, design: .sobol)
        #expect(result.evaluations == 128 * 6)
        for factor in result.factors {
            let total = try #require(factor.totalOrder)
            #expect(total >= 0 && (factor.firstOrderConfidence ?? -1) >= 0)
        }
        var ranked = 0
        for territory in result.territories {
            for interval in territory.axes where interval.low != interval.high {
                let drivers = try #require(interval.drivers)
                #expect(drivers.map(\.factor) == ["normalisation", "aggregation", "imputation", "weights"])
                ranked += 1
            }
        }
        #expect(ranked > 0)
        #expect(throws: SensitivityError.self) { try Sensitivity.analyse(input, runs: 100, seed: 7, design: .sobol) }
    }

    @Test func sensitivityIsReproducibleBySeed() throws {
        let indicators = (0..<8).map {
            WorkedExample.indicator(
                "i\($0)", ["emploi", "revenu", "sante"][$0 % 3], $0 % 2 == 0 ? .higherIsFragile : .higherIsRobust)
        }
        var random = SeededRandom(seed: 99)
        let values: [[Double?]] = indicators.indices.map { k in
            (0..<9).map { p in (k + p) % 7 == 3 ? nil : 50 + 10 * random.nextNormal() }
        }
        let input = WorkedExample.input(indicators, values: values, national: indicators.map { _ in 50 }, peers: 9)
        let first = try Sensitivity.analyse(input, runs: 300, seed: 7)
        let again = try Sensitivity.analyse(input, runs: 300, seed: 7)
        let other = try Sensitivity.analyse(input, runs: 300, seed: 8)
        #expect(first == again)
        #expect(first != other)
        #expect(first.factors.map(\.factor) == ["normalisation", "aggregation", "imputation", "weights"])
        for factor in first.factors { #expect(factor.firstOrder >= 0 && factor.firstOrder <= 1) }
        for territory in first.territories {
            for interval in territory.domains {
                let low = interval.low ?? .nan
                let median = interval.medianRank ?? .nan
                let high = interval.high ?? .nan
                #expect(low <= median && median <= high && low >= 1 && high <= 9)
            }
        }
    }
}

/// Runs the numpy reference script of Tests/Reference.
enum PythonReference {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Reference/diagnostics_reference.py").path

    static let numpyAvailable: Bool = {
        (try? execute(["-c", "import numpy"], input: Data()).status) == 0
    }()

    static func execute(_ arguments: [String], input: Data) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func run(_ payload: [String: Any]) throws -> [String: Any] {
        let result = try execute([script], input: JSONSerialization.data(withJSONObject: payload))
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: result.output) as? [String: Any]
        else {
            throw ReferenceFailure(status: result.status)
        }
        return object
    }

    struct ReferenceFailure: Error { var status: Int32 }
}
