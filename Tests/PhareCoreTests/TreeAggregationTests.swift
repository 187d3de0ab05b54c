import Foundation
import Testing

@testable import PhareCore

@Suite struct TreeAggregationTests {
    /// France > region R1 (départements D1, D2) and R2 (département D3); D1 holds communes
    /// C1, C2; D2 holds C3; D3 holds C4 (population unknown) and C5. EPCI E1 groups C1 and C3.
    static let tree: TerritoryTree = {
        func commune(_ code: String, _ departement: String, _ population: Int?, epci: String? = nil) -> Territory {
            Territory(
                id: TerritoryID(.commune, code), name: code, parent: TerritoryID(.departement, departement), epci: epci,
                population: population, areaKm2: nil)
        }
        return TerritoryTree(territories: [
            Territory(id: TerritoryID(.pays, "FR"), name: "France", parent: nil, population: nil, areaKm2: nil),
            Territory(
                id: TerritoryID(.region, "R1"), name: "R1", parent: TerritoryID(.pays, "FR"), population: nil,
                areaKm2: nil),
            Territory(
                id: TerritoryID(.region, "R2"), name: "R2", parent: TerritoryID(.pays, "FR"), population: nil,
                areaKm2: nil),
            Territory(
                id: TerritoryID(.departement, "D1"), name: "D1", parent: TerritoryID(.region, "R1"), population: nil,
                areaKm2: nil),
            Territory(
                id: TerritoryID(.departement, "D2"), name: "D2", parent: TerritoryID(.region, "R1"), population: nil,
                areaKm2: nil),
            Territory(
                id: TerritoryID(.departement, "D3"), name: "D3", parent: TerritoryID(.region, "R2"), population: nil,
                areaKm2: nil),
            Territory(
                id: TerritoryID(.epci, "E1"), name: "E1", parent: TerritoryID(.departement, "D1"), population: nil,
                areaKm2: nil),
            commune("C1", "D1", 1000, epci: "E1"),
            commune("C2", "D1", 3000),
            commune("C3", "D2", 2000, epci: "E1"),
            commune("C4", "D3", nil),
            commune("C5", "D3", 500),
        ])
    }()

    static let catalogue = IndicatorCatalogue([
        IndicatorDefinition(
            code: "chomeurs", label: .init(fr: "c", en: "c"), domain: nil, unit: "n", polarity: .higherIsFragile,
            aggregation: .sum, source: "t", vintage: "2021", levels: [], diagnosed: false),
        IndicatorDefinition(
            code: "actifs", label: .init(fr: "a", en: "a"), domain: nil, unit: "n", polarity: .higherIsRobust,
            aggregation: .sum, source: "t", vintage: "2021", levels: [], diagnosed: false),
        IndicatorDefinition(
            code: "taux", label: .init(fr: "t", en: "t"), domain: "emploi", unit: "%", polarity: .higherIsFragile,
            aggregation: .ratio, numerator: "chomeurs", denominator: "actifs", scale: 100, source: "t", vintage: "2021",
            levels: []),
        IndicatorDefinition(
            code: "revenu", label: .init(fr: "r", en: "r"), domain: "niveau-de-vie", unit: "€",
            polarity: .higherIsRobust, aggregation: .mean, source: "t", vintage: "2021", levels: []),
    ])

    func grid(_ entries: [(String, String, TerritoryLevel, Double)]) -> (IndicatorGrid, TerritoryIndex) {
        let index = TerritoryIndex(tree: Self.tree)
        var grid = IndicatorGrid(indicators: Self.catalogue.indicators.map(\.code), territoryCount: index.count)
        for (indicator, code, level, value) in entries {
            let column = grid.column(of: indicator) ?? -1
            let t = index.positions[TerritoryID(level, code)] ?? -1
            grid[column, t] = value
            grid.flags[column * index.count + t] = .observed
        }
        return (grid, index)
    }

    func value(
        _ grid: IndicatorGrid, _ index: TerritoryIndex, _ indicator: String, _ level: TerritoryLevel, _ code: String
    ) -> (Double, ValueFlags) {
        let column = grid.column(of: indicator) ?? -1
        let t = index.positions[TerritoryID(level, code)] ?? -1
        return (grid[column, t], grid.flags[column * index.count + t])
    }

    /// Counts by commune: C1 50/1000, C2 300/2000, C3 40/800, C4 10/100, C5 20/400.
    /// R1 = (50 + 300 + 40)/(1000 + 2000 + 800) = 390/3800 = 10.263158 %, not the mean of the
    /// commune rates (5, 15, 5) nor of the département rates (11.666…, 5).
    @Test func ratesAreRecomputedFromSummedCounts() {
        let counts: [(String, String, TerritoryLevel, Double)] = [
            ("chomeurs", "C1", .commune, 50), ("actifs", "C1", .commune, 1000),
            ("chomeurs", "C2", .commune, 300), ("actifs", "C2", .commune, 2000),
            ("chomeurs", "C3", .commune, 40), ("actifs", "C3", .commune, 800),
            ("chomeurs", "C4", .commune, 10), ("actifs", "C4", .commune, 100),
            ("chomeurs", "C5", .commune, 20), ("actifs", "C5", .commune, 400),
        ]
        let (input, index) = grid(counts)
        let result = TreeAggregation.aggregate(input, catalogue: Self.catalogue, index: index)
        let r1 = value(result, index, "taux", .region, "R1")
        #expect(abs(r1.0 - 100 * 390.0 / 3800.0) < 1e-12)
        #expect(r1.1 == .aggregated)
        #expect(value(result, index, "chomeurs", .region, "R1").0 == 390)
        #expect(abs(value(result, index, "taux", .pays, "FR").0 - 100 * 420.0 / 4300.0) < 1e-12)
        #expect(abs(value(result, index, "taux", .epci, "E1").0 - 100 * 90.0 / 1800.0) < 1e-12)
        #expect(abs(value(result, index, "taux", .commune, "C2").0 - 15) < 1e-12)
    }

    /// Only rates: population-weighted mean, flagged approximate. D1 = (1000·20 000 + 3000·16 000)
    /// / 4000 = 17 000. D3: C4 has no population, so D3 = C5's value, flagged partial.
    @Test func ratesWithoutCountsAreWeightedMeansFlaggedApproximate() {
        let (input, index) = grid([
            ("revenu", "C1", .commune, 20000), ("revenu", "C2", .commune, 16000), ("revenu", "C3", .commune, 18000),
            ("revenu", "C4", .commune, 30000), ("revenu", "C5", .commune, 21000),
        ])
        let result = TreeAggregation.aggregate(input, catalogue: Self.catalogue, index: index)
        let d1 = value(result, index, "revenu", .departement, "D1")
        #expect(d1.0 == 17000)
        #expect(d1.1 == [.aggregated, .approximate])
        let d3 = value(result, index, "revenu", .departement, "D3")
        #expect(d3.0 == 21000)
        #expect(d3.1 == [.aggregated, .approximate, .partial])
        // R1 = (4000·17 000 + 2000·18 000)/6000; France inherits "partial" from D3.
        #expect(abs(value(result, index, "revenu", .region, "R1").0 - 104000000.0 / 6000.0) < 1e-9)
        #expect(value(result, index, "revenu", .pays, "FR").1.contains(.partial))
    }

    @Test func importedValuesWinAndMissingPartsAreFlagged() {
        let (input, index) = grid([
            ("chomeurs", "C1", .commune, 50), ("chomeurs", "C2", .commune, 300),
            ("chomeurs", "D2", .departement, 45),
            ("taux", "R2", .region, 7.5),
        ])
        let result = TreeAggregation.aggregate(input, catalogue: Self.catalogue, index: index)
        #expect(value(result, index, "chomeurs", .departement, "D2") == (45, .observed))
        #expect(value(result, index, "chomeurs", .region, "R1") == (395, .aggregated))
        // D3 has no commune value at all: missing, and France's sum is partial.
        #expect(value(result, index, "chomeurs", .departement, "D3").0.isNaN)
        #expect(value(result, index, "chomeurs", .pays, "FR") == (395, [.aggregated, .partial]))
        #expect(value(result, index, "taux", .region, "R2") == (7.5, .observed))
    }
}
