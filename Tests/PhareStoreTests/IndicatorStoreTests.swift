import Foundation
import PhareAnalysis
import PhareTestSupport
import Testing

@testable import PhareCore
@testable import PhareStore

@Suite struct IndicatorStoreTests {
    static let framework = try! FrameworkLoader.bundled()
    static let tree = try! TerritoryTree.bundled()
    static let index = TerritoryIndex(tree: tree)

    static let definitions = [
        IndicatorDefinition(
            code: "chomeurs", label: .init(fr: "Chômeurs", en: "Unemployed"), domain: nil, unit: "personnes",
            polarity: .higherIsFragile, aggregation: .sum, source: "test", vintage: "2021", levels: [.commune],
            diagnosed: false),
        IndicatorDefinition(
            code: "actifs", label: .init(fr: "Actifs", en: "Labour force"), domain: nil, unit: "personnes",
            polarity: .higherIsRobust, aggregation: .sum, source: "test", vintage: "2021", levels: [.commune],
            diagnosed: false),
        IndicatorDefinition(
            code: "taux", label: .init(fr: "Taux", en: "Rate"), domain: "emploi", unit: "%", polarity: .higherIsFragile,
            aggregation: .ratio, numerator: "chomeurs", denominator: "actifs", scale: 100, source: "test",
            vintage: "2021", levels: [.commune, .region]),
    ]

    func store(_ kind: StoreKind) throws -> any ObservatoryStore {
        let store = try StoreFixture.initialised(kind).store
        let summary = try store.saveCatalogue(Self.definitions)
        #expect(summary.added == 3 && summary.replaced == 0)
        return store
    }

    func observations(_ rows: [(String, String, Double)], catalogue: IndicatorCatalogue) -> IndicatorObservations {
        var result = IndicatorObservations(indicators: catalogue.indicators.map(\.code))
        for (indicator, commune, value) in rows {
            result.append(
                territory: Self.index.positions[TerritoryID(.commune, commune)] ?? -1,
                indicator: result.indicators.firstIndex(of: indicator) ?? -1, year: 2021, value: value)
        }
        return result
    }

    /// Two imports of different communes of Corse (2A004 Ajaccio, 2B033 Bastia): the regional
    /// rate after the second import is (Σ unemployed)/(Σ labour force) over both.
    @Test(arguments: StoreKind.allCases) func aggregatesMergeSuccessiveImports(_ kind: StoreKind) throws {
        let store = try store(kind)
        let catalogue = try store.indicatorCatalogue()
        let first = observations([("chomeurs", "2A004", 3000), ("actifs", "2A004", 30000)], catalogue: catalogue)
        _ = try store.importIndicatorValues(
            first, dataset: NewIndicatorDataset(name: "a", sourceFile: "a.csv", format: "long", illustrative: false),
            index: Self.index, catalogue: catalogue,
            aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: Self.index))
        var region = try #require(store.indicatorSeries(level: .region, indicators: ["taux"]).first?.values["94"])
        #expect(region.value == 10)
        #expect(region.flags == [.aggregated, .partial])
        let second = observations(
            [("chomeurs", "2B033", 2000), ("actifs", "2B033", 20000 + 5000)], catalogue: catalogue)
        let summary = try store.importIndicatorValues(
            second, dataset: NewIndicatorDataset(name: "b", sourceFile: "b.csv", format: "long", illustrative: true),
            index: Self.index, catalogue: catalogue,
            aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: Self.index))
        #expect(summary.values == 2 && summary.replacedValues == 0)
        region = try #require(store.indicatorSeries(level: .region, indicators: ["taux"]).first?.values["94"])
        #expect(abs(region.value - 100 * 5000.0 / 55000.0) < 1e-12)
        #expect(region.flags == [.aggregated, .partial, .illustrative])
        // Real values for Bastia replace the illustrative ones; the aggregate is no longer illustrative.
        let real = observations([("chomeurs", "2B033", 2500), ("actifs", "2B033", 25000)], catalogue: catalogue)
        let replaced = try store.importIndicatorValues(
            real, dataset: NewIndicatorDataset(name: "c", sourceFile: "c.csv", format: "long", illustrative: false),
            index: Self.index, catalogue: catalogue,
            aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: Self.index))
        #expect(replaced.removedIllustrative == 2)
        region = try #require(store.indicatorSeries(level: .region, indicators: ["taux"]).first?.values["94"])
        #expect(abs(region.value - 100 * 5500.0 / 55000.0) < 1e-12)
        #expect(region.flags == [.aggregated, .partial])
        #expect(try store.indicatorDatasets().map(\.name) == ["a", "b", "c"])
    }

    @Test(arguments: StoreKind.allCases) func catalogueRoundTripsAndReplacesByCode(_ kind: StoreKind) throws {
        let store = try store(kind)
        #expect(try store.indicatorCatalogue().indicators == Self.definitions)
        var changed = Self.definitions[2]
        changed.label = .init(fr: "Taux de chômage", en: "Unemployment rate")
        let summary = try store.saveCatalogue([changed])
        #expect(summary.added == 0 && summary.replaced == 1)
        let catalogue = try store.indicatorCatalogue()
        #expect(catalogue.indicators.map(\.code) == ["chomeurs", "actifs", "taux"])
        #expect(catalogue["taux"]?.label.fr == "Taux de chômage")
    }
}
