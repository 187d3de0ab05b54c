import Foundation
import GRDB
import PhareAnalysis
import PhareTestSupport
import Testing

@testable import PhareCore
@testable import PhareStore

/// The values stored by column (migration `v5-indicator-columns`): the conversion of rows
/// stored before it, a refused import that writes nothing, replacements counted.
@Suite struct IndicatorColumnsTests {
    static let definitions = IndicatorStoreTests.definitions
    static let index = IndicatorStoreTests.index

    func store(_ kind: StoreKind = .sqlite) throws -> any ObservatoryStore { try IndicatorStoreTests().store(kind) }

    func dataset(_ name: String, illustrative: Bool = false) -> NewIndicatorDataset {
        NewIndicatorDataset(name: name, sourceFile: name + ".csv", format: "long", illustrative: illustrative)
    }

    func importing(_ store: any ObservatoryStore, _ rows: [(String, String, Double)], _ name: String) throws
        -> IndicatorImportSummary
    {
        let catalogue = try store.indicatorCatalogue()
        var observations = IndicatorObservations(indicators: catalogue.indicators.map(\.code) + ["inconnu"])
        for (indicator, commune, value) in rows {
            observations.append(
                territory: Self.index.positions[TerritoryID(.commune, commune)] ?? -1,
                indicator: observations.indicators.firstIndex(of: indicator) ?? -1, year: 2021, value: value)
        }
        return try store.importIndicatorValues(
            observations, dataset: dataset(name), index: Self.index, catalogue: catalogue,
            aggregate: AnalysisPipeline.treeAggregator(catalogue: catalogue, index: Self.index))
    }

    /// A database holding values as rows (schema v4) is converted: same series, old tables gone.
    @Test func migrationConvertsRowsToColumns() throws {
        let store = try #require(try store() as? SQLiteObservatoryStore)
        try store.queue.write { db in
            try db.execute(
                sql: """
                    DROP TABLE indicator_column; DROP TABLE indicator_aggregate_column; DROP TABLE indicator_slot;
                    DELETE FROM grdb_migrations WHERE identifier = 'v5-indicator-columns';
                    CREATE TABLE indicator_value (
                        indicator_code TEXT NOT NULL REFERENCES indicator(code),
                        territory_level TEXT NOT NULL,
                        territory_code TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        value REAL NOT NULL,
                        dataset_id INTEGER NOT NULL REFERENCES indicator_dataset(id),
                        PRIMARY KEY (territory_level, indicator_code, territory_code, year),
                        FOREIGN KEY (territory_level, territory_code) REFERENCES territory(level, code)
                    ) WITHOUT ROWID;
                    CREATE TABLE indicator_aggregate (
                        indicator_code TEXT NOT NULL REFERENCES indicator(code),
                        territory_level TEXT NOT NULL,
                        territory_code TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        value REAL NOT NULL,
                        flags INTEGER NOT NULL,
                        PRIMARY KEY (territory_level, indicator_code, territory_code, year)
                    ) WITHOUT ROWID;
                    INSERT INTO indicator_dataset(id, name, source_file, format, illustrative, imported_at, value_count)
                    VALUES (1, 'real', 'r.csv', 'long', 0, '2026-01-01T00:00:00Z', 3),
                           (2, 'demo', 'd.csv', 'long', 1, '2026-01-01T00:00:00Z', 1);
                    INSERT INTO indicator_value VALUES
                        ('chomeurs', 'commune', '2A004', 2021, 3000, 1), ('actifs', 'commune', '2A004', 2021, 30000, 1),
                        ('chomeurs', 'commune', '2B033', 2021, 2000, 2), ('chomeurs', 'region', '94', 2020, 1.5, 1);
                    INSERT INTO indicator_aggregate VALUES
                        ('taux', 'region', '94', 2021, 10, 10), ('taux', 'pays', 'FR', 2021, 9.5, 26);
                    """)
        }
        let migrated = try SQLiteObservatoryStore(path: store.path)
        let communes = try #require(migrated.indicatorSeries(level: .commune, indicators: ["chomeurs"]).first)
        #expect(communes.year == 2021)
        #expect(
            communes.values == [
                "2A004": FlaggedValue(3000, .observed), "2B033": FlaggedValue(2000, [.observed, .illustrative]),
            ])
        let region = try migrated.indicatorSeries(level: .region, indicators: nil)
        #expect(region.map(\.indicator) == ["chomeurs", "taux"])
        #expect(region[0].year == 2020 && region[0].values == ["94": FlaggedValue(1.5, .observed)])
        #expect(region[1].values == ["94": FlaggedValue(10, [.aggregated, .partial])])
        #expect(region[1].national == FlaggedValue(9.5, [.aggregated, .partial, .illustrative]))
        let tables = try migrated.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'indicator_%' ORDER BY name")
        }
        #expect(
            tables == [
                "indicator_aggregate_column", "indicator_column", "indicator_dataset", "indicator_slot",
            ])
    }

    /// An import that fails in the store (an indicator unknown to the catalogue) writes nothing:
    /// neither its values, nor its dataset, nor any aggregate.
    @Test(arguments: StoreKind.allCases) func aRefusedImportWritesNothing(_ kind: StoreKind) throws {
        let store = try store(kind)
        _ = try importing(store, [("chomeurs", "2A004", 3000), ("actifs", "2A004", 30000)], "a")
        let before = try store.indicatorSeries(level: .region, indicators: nil)
        let communes = try store.indicatorSeries(level: .commune, indicators: nil)
        #expect(throws: StoreError.self) {
            _ = try importing(store, [("chomeurs", "2A004", 1), ("inconnu", "2B033", 2), ("actifs", "2B033", 9)], "b")
        }
        #expect(try store.indicatorSeries(level: .region, indicators: nil) == before)
        #expect(try store.indicatorSeries(level: .commune, indicators: nil) == communes)
        #expect(try store.indicatorDatasets().map(\.name) == ["a"])
    }

    /// Values read back as imported, over a thousand communes; a second import replacing some of
    /// them counts the replacements and keeps the others.
    @Test(arguments: StoreKind.allCases) func valuesReadBackAndReplacementsAreCounted(_ kind: StoreKind) throws {
        let store = try store(kind)
        let communes = Self.index.ids.filter { $0.level == .commune }.prefix(1000).map(\.code)
        let first = try importing(store, communes.enumerated().map { ("actifs", $1, Double($0) + 0.25) }, "a")
        #expect(first.values == 1000 && first.replacedValues == 0)
        let again = try importing(store, communes.prefix(100).map { ("actifs", $0, -1) }, "b")
        #expect(again.values == 100 && again.replacedValues == 100)
        let series = try #require(store.indicatorSeries(level: .commune, indicators: ["actifs"]).first)
        #expect(series.values.count == 1000)
        for (offset, code) in communes.enumerated() {
            let value: Double = offset < 100 ? -1 : Double(offset) + 0.25
            #expect(series.values[code] == FlaggedValue(value, .observed))
        }
        let france = try #require(store.indicatorSeries(level: .pays, indicators: ["actifs"]).first)
        var expected = 0.0
        for offset in communes.indices { expected += offset < 100 ? -1 : Double(offset) + 0.25 }
        #expect(france.values["FR"]?.value == expected)
    }
}
