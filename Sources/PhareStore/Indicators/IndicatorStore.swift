import Foundation
import GRDB
import GRDBSQLite
import PhareAnalysis
import PhareCore

/// The indicator side of the observatory: the catalogue, imported values and their aggregates
/// up the territory tree, in the observatory's own terms.
public protocol IndicatorStore: Sendable {
    /// Adds the definitions, replacing those with the same code; one transaction.
    func saveCatalogue(_ definitions: [IndicatorDefinition]) throws -> CatalogueSaveSummary
    /// Records the values as one dataset and, in the same transaction, the aggregates up the tree of
    /// every indicator they touch, as `aggregate` computes them (the store hands it, year by year,
    /// the observed values it holds with the new ones over them; it computes nothing itself). Real
    /// values of an indicator replace its illustrative ones.
    func importIndicatorValues(
        _ observations: IndicatorObservations, dataset: NewIndicatorDataset, index: TerritoryIndex,
        catalogue: IndicatorCatalogue, aggregate: TreeAggregator
    ) throws -> IndicatorImportSummary
}

public struct CatalogueSaveSummary: Sendable, Hashable {
    public var added: Int
    public var replaced: Int
}

/// What an import says about its values.
public struct NewIndicatorDataset: Sendable, Hashable {
    public var name: String
    public var sourceFile: String
    public var format: String
    public var illustrative: Bool

    public init(name: String, sourceFile: String, format: String, illustrative: Bool) {
        self.name = name
        self.sourceFile = sourceFile
        self.format = format
        self.illustrative = illustrative
    }
}

public struct IndicatorImportSummary: Sendable, Hashable {
    public var datasetID: Int
    public var values: Int
    public var replacedValues: Int
    /// Illustrative values removed because real values of the same indicators arrived.
    public var removedIllustrative: Int
    public var aggregates: Int
}

extension SQLiteObservatoryStore {
    /// Registered by `Schema` under the name `v2-indicators`.
    static func migrateIndicators(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE indicator (
                    code TEXT PRIMARY KEY NOT NULL,
                    position INTEGER NOT NULL,
                    label_fr TEXT NOT NULL,
                    label_en TEXT NOT NULL,
                    domain_code TEXT REFERENCES domain(code),
                    unit TEXT NOT NULL,
                    polarity TEXT NOT NULL CHECK (polarity IN ('higher-is-fragile', 'higher-is-robust')),
                    aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'ratio', 'mean')),
                    numerator_code TEXT,
                    denominator_code TEXT,
                    scale REAL NOT NULL,
                    source TEXT NOT NULL,
                    vintage TEXT NOT NULL,
                    levels TEXT NOT NULL,
                    diagnosed INTEGER NOT NULL
                );
                CREATE TABLE indicator_dataset (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    format TEXT NOT NULL,
                    illustrative INTEGER NOT NULL,
                    imported_at TEXT NOT NULL,
                    value_count INTEGER NOT NULL
                );
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
                """)
    }

    public func indicatorCatalogue() throws -> IndicatorCatalogue {
        try queue.read { db in try Self.catalogue(db) }
    }

    static func catalogue(_ db: Database) throws -> IndicatorCatalogue {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM indicator ORDER BY position")
        return IndicatorCatalogue(
            rows.map { row in
                let levels: String = row["levels"]
                return IndicatorDefinition(
                    code: row["code"], label: LocalizedText(fr: row["label_fr"], en: row["label_en"]),
                    domain: row["domain_code"],
                    unit: row["unit"], polarity: Polarity(rawValue: row["polarity"]) ?? .higherIsFragile,
                    aggregation: IndicatorAggregation(rawValue: row["aggregation"]) ?? .mean,
                    numerator: row["numerator_code"], denominator: row["denominator_code"], scale: row["scale"],
                    source: row["source"], vintage: row["vintage"],
                    levels: levels.split(separator: "|").compactMap { TerritoryLevel(rawValue: String($0)) },
                    diagnosed: row["diagnosed"]
                )
            })
    }

    public func saveCatalogue(_ definitions: [IndicatorDefinition]) throws -> CatalogueSaveSummary {
        try queue.write { db in
            var position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM indicator") ?? 0
            var summary = CatalogueSaveSummary(added: 0, replaced: 0)
            for definition in definitions {
                let existing = try Int.fetchOne(
                    db, sql: "SELECT position FROM indicator WHERE code = ?", arguments: [definition.code])
                if existing == nil { summary.added += 1 } else { summary.replaced += 1 }
                try db.execute(
                    sql: """
                        INSERT INTO indicator(code, position, label_fr, label_en, domain_code, unit, polarity, aggregation,
                            numerator_code, denominator_code, scale, source, vintage, levels, diagnosed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(code) DO UPDATE SET label_fr = excluded.label_fr, label_en = excluded.label_en,
                            domain_code = excluded.domain_code, unit = excluded.unit, polarity = excluded.polarity,
                            aggregation = excluded.aggregation, numerator_code = excluded.numerator_code,
                            denominator_code = excluded.denominator_code, scale = excluded.scale, source = excluded.source,
                            vintage = excluded.vintage, levels = excluded.levels, diagnosed = excluded.diagnosed
                        """,
                    arguments: [
                        definition.code, existing ?? position, definition.label.fr, definition.label.en,
                        definition.domain,
                        definition.unit, definition.polarity.rawValue, definition.aggregation.rawValue,
                        definition.numerator,
                        definition.denominator, definition.scale, definition.source, definition.vintage,
                        definition.levels.map(\.rawValue).joined(separator: "|"), definition.diagnosed,
                    ])
                if existing == nil { position += 1 }
            }
            return summary
        }
    }

    public func indicatorDatasets() throws -> [IndicatorDataset] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM indicator_dataset ORDER BY id").map { row in
                IndicatorDataset(
                    id: row["id"], name: row["name"], sourceFile: row["source_file"], format: row["format"],
                    illustrative: row["illustrative"], importedAt: row["imported_at"], valueCount: row["value_count"]
                )
            }
        }
    }

    public func importIndicatorValues(
        _ observations: IndicatorObservations, dataset: NewIndicatorDataset, index: TerritoryIndex,
        catalogue: IndicatorCatalogue, aggregate: TreeAggregator
    ) throws -> IndicatorImportSummary {
        try queue.write { db in
            try db.execute(
                sql:
                    "INSERT INTO indicator_dataset(name, source_file, format, illustrative, imported_at, value_count) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    dataset.name, dataset.sourceFile, dataset.format, dataset.illustrative,
                    ISO8601DateFormatter().string(from: Date()), observations.count,
                ]
            )
            let datasetID = Int(db.lastInsertedRowID)
            let imported = Set(observations.indicator.map { observations.indicators[Int($0)] })
            // Indicators whose aggregates change: the imported ones and the ratios built on them.
            var affected = imported
            for definition in catalogue.indicators where definition.aggregation == .ratio {
                if let numerator = definition.numerator, imported.contains(numerator) {
                    affected.insert(definition.code)
                }
                if let denominator = definition.denominator, imported.contains(denominator) {
                    affected.insert(definition.code)
                }
            }
            var columns = affected
            for code in affected {
                if let definition = catalogue[code], definition.aggregation == .ratio {
                    if let numerator = definition.numerator { columns.insert(numerator) }
                    if let denominator = definition.denominator { columns.insert(denominator) }
                }
            }
            let levels = TerritoryLevel.allCases.map(\.rawValue)
            var removedIllustrative = 0
            let hasIllustrative =
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM indicator_dataset WHERE illustrative = 1)")
                ?? false
            if !dataset.illustrative && hasIllustrative {
                let delete = try db.makeStatement(
                    sql: """
                        DELETE FROM indicator_value WHERE territory_level = ? AND indicator_code = ?
                          AND dataset_id IN (SELECT id FROM indicator_dataset WHERE illustrative = 1)
                        """)
                for level in levels {
                    for code in imported.sorted() {
                        try delete.execute(arguments: [level, code])
                        removedIllustrative += db.changesCount
                    }
                }
            }
            // One grid per year: what the observatory already holds for these indicators (after
            // that removal), then the new values over it.
            let columnList = columns.sorted()
            let columnIndex = Dictionary(uniqueKeysWithValues: columnList.enumerated().map { ($1, $0) })
            var existingValues: [(column: Int, territory: Int, year: Int, value: Double, illustrative: Bool)] = []
            let existing = try db.makeStatement(
                sql: """
                    SELECT v.territory_code, v.year, v.value, d.illustrative
                    FROM indicator_value v JOIN indicator_dataset d ON d.id = v.dataset_id
                    WHERE v.territory_level = ? AND v.indicator_code = ?
                    """)
            for level in TerritoryLevel.allCases {
                for (column, code) in columnList.enumerated() {
                    let rows = try Row.fetchCursor(existing, arguments: [level.rawValue, code])
                    while let row = try rows.next() {
                        guard let t = index.positions[TerritoryID(level, row[0])] else { continue }
                        existingValues.append((column, t, row[1], row[2], row[3]))
                    }
                }
            }
            let years = Set(existingValues.map(\.year)).union(observations.year.map(Int.init)).sorted()
            let slot = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
            var grids = years.map { _ in IndicatorGrid(indicators: columnList, territoryCount: index.count) }
            for entry in existingValues {
                let g = slot[entry.year] ?? 0
                let cell = entry.column * index.count + entry.territory
                grids[g].values[cell] = entry.value
                grids[g].flags[cell] = entry.illustrative ? [.observed, .illustrative] : .observed
            }
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM indicator_value") ?? 0
            let insert = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO indicator_value(indicator_code, territory_level, territory_code, year, value, dataset_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
            let newFlags: ValueFlags = dataset.illustrative ? [.observed, .illustrative] : .observed
            let columnOfImported = observations.indicators.map { columnIndex[$0] ?? 0 }
            let slotOfYear = Dictionary(uniqueKeysWithValues: Set(observations.year).map { ($0, slot[Int($0)] ?? 0) })
            // Rows in primary-key order (level, indicator, territory, year) so that the B-tree grows at
            // its end instead of splitting pages all over; a larger page cache for the transaction.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            let levelNames = index.ids.map(\.level.rawValue)
            // Millions of rows: bound through SQLite's C interface, which costs a fraction of
            // GRDB's general argument handling (measured: Benchmarks/indicators).
            let bulk = BulkInsert(insert)
            for row in Self.keyOrder(observations, index: index) {
                let t = Int(observations.territory[row])
                let i = Int(observations.indicator[row])
                try bulk.insert(
                    observations.indicators[i], levelNames[t], index.ids[t].code, Int(observations.year[row]),
                    observations.value[row], datasetID, db: db)
            }
            for row in 0..<observations.count {
                let g = slotOfYear[observations.year[row]] ?? 0
                let cell =
                    columnOfImported[Int(observations.indicator[row])] * index.count + Int(observations.territory[row])
                grids[g].values[cell] = observations.value[row]
                grids[g].flags[cell] = newFlags
            }
            let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM indicator_value") ?? 0
            let aggregates = try Self.replaceAggregates(
                db, of: affected, grids: zip(years, grids).map { ($0, $1) }, index: index, aggregate: aggregate
            )
            return IndicatorImportSummary(
                datasetID: datasetID, values: observations.count, replacedValues: observations.count - (after - before),
                removedIllustrative: removedIllustrative, aggregates: aggregates
            )
        }
    }

    /// Row numbers of `observations` sorted by level, indicator code, territory position (code
    /// order within a level in the bundled tree) and year: counting sort by level and indicator,
    /// then each bucket sorted unless it already is (files usually list territories in order).
    static func keyOrder(_ observations: IndicatorObservations, index: TerritoryIndex) -> [Int] {
        let codes = observations.indicators
        let rankOfIndicator = codes.indices.sorted { codes[$0] < codes[$1] }.enumerated().reduce(
            into: [Int](repeating: 0, count: codes.count)
        ) { $0[$1.element] = $1.offset }
        let depth = index.ids.map(\.level.depth)
        func bucket(_ row: Int) -> Int {
            depth[Int(observations.territory[row])] * codes.count + rankOfIndicator[Int(observations.indicator[row])]
        }
        let bucketCount = TerritoryLevel.allCases.count * max(codes.count, 1)
        var starts = [Int](repeating: 0, count: bucketCount + 1)
        for row in 0..<observations.count { starts[bucket(row) + 1] += 1 }
        for b in 0..<bucketCount { starts[b + 1] += starts[b] }
        var next = starts
        var order = [Int](repeating: 0, count: observations.count)
        for row in 0..<observations.count {
            let b = bucket(row)
            order[next[b]] = row
            next[b] += 1
        }
        func key(_ row: Int) -> (Int32, Int32) { (observations.territory[row], observations.year[row]) }
        for b in 0..<bucketCount where starts[b + 1] - starts[b] > 1 {
            let range = starts[b]..<starts[b + 1]
            if !zip(order[range].dropLast(), order[range].dropFirst()).allSatisfy({ key($0) <= key($1) }) {
                order[range].sort { key($0) < key($1) }
            }
        }
        return order
    }

    /// Replaces, year by year, the aggregates of `affected` by those `aggregate` gives from the
    /// observed values of the grids, for the territories that have no observed value.
    static func replaceAggregates(
        _ db: Database, of affected: Set<String>, grids: [(Int, IndicatorGrid)], index: TerritoryIndex,
        aggregate: TreeAggregator
    ) throws -> Int {
        let delete = try db.makeStatement(
            sql: "DELETE FROM indicator_aggregate WHERE territory_level = ? AND indicator_code = ?")
        for level in TerritoryLevel.allCases {
            for code in affected.sorted() { try delete.execute(arguments: [level.rawValue, code]) }
        }
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO indicator_aggregate(indicator_code, territory_level, territory_code, year, value, flags)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        var written = 0
        for (year, grid) in grids {
            let result = aggregate(grid)
            for (column, code) in grid.indicators.enumerated() where affected.contains(code) {
                let base = column * index.count
                for t in 0..<index.count {
                    let flags = result.flags[base + t]
                    guard flags.contains(.aggregated), !grid.flags[base + t].contains(.observed) else { continue }
                    insert.setUncheckedArguments([
                        code, index.ids[t].level.rawValue, index.ids[t].code, year, result.values[base + t],
                        Int(flags.rawValue),
                    ])
                    try insert.execute()
                    written += 1
                }
            }
        }
        return written
    }

    public func indicatorSeries(level: TerritoryLevel, indicators: [String]?) throws -> [IndicatorSeries] {
        try queue.read { db in
            var rows: [String: [(code: String, year: Int, value: FlaggedValue)]] = [:]
            var national: [String: [Int: FlaggedValue]] = [:]
            let sql = """
                SELECT v.indicator_code, v.territory_level, v.territory_code, v.year, v.value,
                       CASE WHEN d.illustrative = 1 THEN 17 ELSE 1 END
                FROM indicator_value v JOIN indicator_dataset d ON d.id = v.dataset_id
                WHERE v.territory_level IN (?, 'pays')
                UNION ALL
                SELECT indicator_code, territory_level, territory_code, year, value, flags
                FROM indicator_aggregate WHERE territory_level IN (?, 'pays')
                """
            let wanted = indicators.map(Set.init)
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: [level.rawValue, level.rawValue])
            while let row = try cursor.next() {
                let code: String = row[0]
                if let wanted, !wanted.contains(code) { continue }
                let rowLevel: String = row[1]
                let flags = ValueFlags(rawValue: UInt8(clamping: row[5] as Int))
                let value = FlaggedValue(row[4], flags)
                if rowLevel == level.rawValue { rows[code, default: []].append((row[2], row[3], value)) }
                if rowLevel == "pays" { national[code, default: [:]][row[3]] = value }
            }
            return rows.keys.sorted().compactMap { code in
                guard let entries = rows[code], let year = entries.map(\.year).max() else { return nil }
                var values: [String: FlaggedValue] = [:]
                for entry in entries where entry.year == year { values[entry.code] = entry.value }
                return IndicatorSeries(indicator: code, year: year, values: values, national: national[code]?[year])
            }
        }
    }
}

/// One prepared `INSERT INTO indicator_value` statement run many times with bound values.
struct BulkInsert {
    let statement: Statement
    /// SQLITE_TRANSIENT: SQLite copies the text before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) { self.statement = statement }

    func insert(
        _ indicator: String, _ level: String, _ territory: String, _ year: Int, _ value: Double, _ dataset: Int,
        db: Database
    ) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_bind_text(handle, 1, indicator, -1, Self.transient)
        sqlite3_bind_text(handle, 2, level, -1, Self.transient)
        sqlite3_bind_text(handle, 3, territory, -1, Self.transient)
        sqlite3_bind_int64(handle, 4, Int64(year))
        sqlite3_bind_double(handle, 5, value)
        sqlite3_bind_int64(handle, 6, Int64(dataset))
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw StoreError(
                "cannot store the value of \(indicator) for \(level):\(territory) \(year): \(String(cString: sqlite3_errmsg(db.sqliteConnection)))"
            )
        }
    }
}
