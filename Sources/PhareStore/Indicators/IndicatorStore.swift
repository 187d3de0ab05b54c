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
        try writeData { db in
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
        try writeData { db in
            try db.execute(
                sql: """
                    INSERT INTO indicator_dataset(name, source_file, format, illustrative, imported_at, value_count)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    dataset.name, dataset.sourceFile, dataset.format, dataset.illustrative,
                    ISO8601DateFormatter().string(from: Date()), observations.count,
                ]
            )
            let datasetID = Int32(db.lastInsertedRowID)
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
            let illustrativeIDs = Set(
                try Int32.fetchAll(db, sql: "SELECT id FROM indicator_dataset WHERE illustrative = 1"))
            try TerritorySlots.assign(db)
            let slots = try TerritorySlots.load(db)
            let layout = SlotLayout(index: index, slots: slots)

            // The columns held for these indicators, at every level and year.
            var held = HeldColumns()
            let select = try db.makeStatement(
                sql: """
                    SELECT year, dataset_blob, value_blob FROM indicator_column
                    WHERE territory_level = ? AND indicator_code = ?
                    """)
            for level in TerritoryLevel.allCases {
                for code in columns.sorted() {
                    let rows = try Row.fetchCursor(select, arguments: [level.rawValue, code])
                    while let row = try rows.next() {
                        let column = IndicatorColumn(
                            datasetBlob: row.dataNoCopy(atIndex: 1) ?? Data(),
                            valueBlob: row.dataNoCopy(atIndex: 2) ?? Data(), slots: slots.count(level))
                        held.add(ColumnKey(code: code, level: level, year: row[0]), column, dirty: false)
                    }
                }
            }
            // Real values of an indicator replace its illustrative ones.
            var removedIllustrative = 0
            if !dataset.illustrative && !illustrativeIDs.isEmpty {
                for k in held.keys.indices where imported.contains(held.keys[k].code) {
                    for s in held.columns[k].datasets.indices
                    where illustrativeIDs.contains(held.columns[k].datasets[s]) {
                        held.columns[k].datasets[s] = 0
                        removedIllustrative += 1
                        held.dirty[k] = true
                    }
                }
            }
            // The new values over them.
            let years = Set(held.keys.map(\.year)).union(observations.year.map(Int.init)).sorted()
            let yearSlot = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
            let levelCount = TerritoryLevel.allCases.count
            var table = [Int32](repeating: -1, count: observations.indicators.count * years.count * levelCount)
            var replaced = 0
            var lastYear = Int32.min
            var lastYearSlot = 0
            for row in 0..<observations.count {
                let t = Int(observations.territory[row])
                let i = Int(observations.indicator[row])
                let slot = Int(layout.slotOf[t])
                guard slot >= 0 else {
                    throw StoreError(
                        "cannot store the value of \(observations.indicators[i]) for "
                            + "\(index.ids[t].level.rawValue):\(index.ids[t].code): "
                            + "no such territory in the observatory"
                    )
                }
                if observations.year[row] != lastYear {
                    lastYear = observations.year[row]
                    lastYearSlot = yearSlot[Int(lastYear)] ?? 0
                }
                let cell = (i * years.count + lastYearSlot) * levelCount + layout.levelNumber[t]
                var k = Int(table[cell])
                if k < 0 {
                    let key = ColumnKey(
                        code: observations.indicators[i], level: index.ids[t].level, year: Int(lastYear))
                    k = held.position[key] ?? held.add(key, IndicatorColumn(slots: slots.count(key.level)), dirty: true)
                    held.dirty[k] = true
                    table[cell] = Int32(k)
                }
                if held.columns[k].datasets[slot] != 0 { replaced += 1 }
                held.columns[k].datasets[slot] = datasetID
                held.columns[k].values[slot] = observations.value[row]
            }
            // One grid per year for the aggregation: the observed values of these indicators.
            let columnList = columns.sorted()
            let columnIndex = Dictionary(uniqueKeysWithValues: columnList.enumerated().map { ($1, $0) })
            var grids = years.map { _ in IndicatorGrid(indicators: columnList, territoryCount: index.count) }
            for (k, key) in held.keys.enumerated() {
                guard let c = columnIndex[key.code], let g = yearSlot[key.year] else { continue }
                let base = c * index.count
                var lastDataset: Int32 = 0
                var lastFlags: ValueFlags = .observed
                for (t, s) in layout.positions[key.level.depth] {
                    let source = held.columns[k].datasets[s]
                    guard source != 0 else { continue }
                    if source != lastDataset {
                        lastDataset = source
                        lastFlags = illustrativeIDs.contains(source) ? [.observed, .illustrative] : .observed
                    }
                    grids[g].values[base + t] = held.columns[k].values[s]
                    grids[g].flags[base + t] = lastFlags
                }
            }
            let writer = ColumnWriter(
                statement: try db.makeStatement(
                    sql: """
                        INSERT OR REPLACE INTO indicator_column(indicator_code, territory_level, year, value_count,
                            dataset_blob, value_blob) VALUES (?, ?, ?, ?, ?, ?)
                        """))
            let deleteColumn = try db.makeStatement(
                sql: "DELETE FROM indicator_column WHERE territory_level = ? AND indicator_code = ? AND year = ?")
            for k in held.keys.indices where held.dirty[k] {
                let key = held.keys[k]
                let count = held.columns[k].valueCount
                if count == 0 {
                    try deleteColumn.execute(arguments: [key.level.rawValue, key.code, key.year])
                } else {
                    try writer.write(
                        key.code, key.level, key.year, count: count, held.columns[k].datasetBlob(),
                        held.columns[k].valueBlob())
                }
            }
            held = HeldColumns()
            let aggregates = try Self.replaceAggregates(
                db, of: affected, grids: zip(years, grids).map { ($0, $1) }, layout: layout, slots: slots,
                aggregate: aggregate
            )
            return IndicatorImportSummary(
                datasetID: Int(datasetID), values: observations.count, replacedValues: replaced,
                removedIllustrative: removedIllustrative, aggregates: aggregates
            )
        }
    }

    /// Replaces, year by year, the aggregates of `affected` by those `aggregate` gives from the
    /// observed values of the grids, for the territories that have no observed value.
    static func replaceAggregates(
        _ db: Database, of affected: Set<String>, grids: [(Int, IndicatorGrid)], layout: SlotLayout,
        slots: TerritorySlots, aggregate: TreeAggregator
    ) throws -> Int {
        let delete = try db.makeStatement(
            sql: "DELETE FROM indicator_aggregate_column WHERE territory_level = ? AND indicator_code = ?")
        for level in TerritoryLevel.allCases {
            for code in affected.sorted() { try delete.execute(arguments: [level.rawValue, code]) }
        }
        let writer = ColumnWriter(
            statement: try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO indicator_aggregate_column(indicator_code, territory_level, year,
                        value_count, flags_blob, value_blob) VALUES (?, ?, ?, ?, ?, ?)
                    """))
        var written = 0
        for (year, grid) in grids {
            let result = aggregate(grid)
            for (column, code) in grid.indicators.enumerated() where affected.contains(code) {
                let base = column * grid.territoryCount
                for level in TerritoryLevel.allCases {
                    let positions = layout.positions[level.depth]
                    guard !positions.isEmpty else { continue }
                    var flags = [UInt8](repeating: 0, count: slots.count(level))
                    var values = [Double](repeating: 0, count: slots.count(level))
                    var count = 0
                    for (t, s) in positions {
                        let aggregated = result.flags[base + t]
                        guard aggregated.contains(.aggregated), !grid.flags[base + t].contains(.observed) else {
                            continue
                        }
                        flags[s] = aggregated.rawValue
                        values[s] = result.values[base + t]
                        count += 1
                    }
                    guard count > 0 else { continue }
                    try writer.write(code, level, year, count: count, Data(flags), IndicatorColumn.blob(values))
                    written += count
                }
            }
        }
        return written
    }

    public func indicatorSeries(level: TerritoryLevel, indicators: [String]?) throws -> [IndicatorSeries] {
        try indicatorYears(level: level, indicators: indicators).compactMap(\.years.last)
    }

    public func indicatorHistory(level: TerritoryLevel, indicators: [String]?) throws -> [IndicatorSeries] {
        try indicatorYears(level: level, indicators: indicators).flatMap(\.years)
    }

    /// Every year held of each indicator at `level` (imported values, then aggregates, which win),
    /// by indicator code, years in order.
    func indicatorYears(level: TerritoryLevel, indicators: [String]?) throws
        -> [(code: String, years: [IndicatorSeries])]
    {
        try queue.read { db in
            var rows: [String: [(code: String, year: Int, value: FlaggedValue)]] = [:]
            var national: [String: [Int: FlaggedValue]] = [:]
            let slots = try TerritorySlots.load(db, levels: [level, .pays])
            let illustrativeIDs = Set(
                try Int32.fetchAll(db, sql: "SELECT id FROM indicator_dataset WHERE illustrative = 1"))
            let wanted = indicators.map(Set.init)
            func add(
                _ code: String, _ rowLevel: TerritoryLevel, _ territory: String, _ year: Int, _ value: FlaggedValue
            ) {
                if rowLevel == level { rows[code, default: []].append((territory, year, value)) }
                if rowLevel == .pays { national[code, default: [:]][year] = value }
            }
            // Observed values first, aggregates after (an aggregate wins, as it always has).
            let values = try Row.fetchCursor(
                db,
                sql: """
                    SELECT indicator_code, territory_level, year, dataset_blob, value_blob FROM indicator_column
                    WHERE territory_level IN (?, 'pays') ORDER BY territory_level, indicator_code, year
                    """, arguments: [level.rawValue])
            while let row = try values.next() {
                let code: String = row[0]
                if let wanted, !wanted.contains(code) { continue }
                guard let rowLevel = TerritoryLevel(rawValue: row[1] as String) else { continue }
                let year: Int = row[2]
                let codes = slots.codes[rowLevel] ?? []
                let column = IndicatorColumn(
                    datasetBlob: row.dataNoCopy(atIndex: 3) ?? Data(), valueBlob: row.dataNoCopy(atIndex: 4) ?? Data(),
                    slots: codes.count)
                for s in codes.indices where column.datasets[s] != 0 {
                    let flags: ValueFlags =
                        illustrativeIDs.contains(column.datasets[s]) ? [.observed, .illustrative] : .observed
                    add(code, rowLevel, codes[s], year, FlaggedValue(column.values[s], flags))
                }
            }
            let aggregates = try Row.fetchCursor(
                db,
                sql: """
                    SELECT indicator_code, territory_level, year, flags_blob, value_blob FROM indicator_aggregate_column
                    WHERE territory_level IN (?, 'pays') ORDER BY territory_level, indicator_code, year
                    """, arguments: [level.rawValue])
            while let row = try aggregates.next() {
                let code: String = row[0]
                if let wanted, !wanted.contains(code) { continue }
                guard let rowLevel = TerritoryLevel(rawValue: row[1] as String) else { continue }
                let year: Int = row[2]
                let codes = slots.codes[rowLevel] ?? []
                let flags = [UInt8](row.dataNoCopy(atIndex: 3) ?? Data())
                let numbers = IndicatorColumn.doubles(row.dataNoCopy(atIndex: 4) ?? Data(), slots: codes.count)
                for s in codes.indices where s < flags.count && flags[s] != 0 {
                    add(code, rowLevel, codes[s], year, FlaggedValue(numbers[s], ValueFlags(rawValue: flags[s])))
                }
            }
            return rows.keys.sorted().map { code in
                var byYear: [Int: [String: FlaggedValue]] = [:]
                for entry in rows[code] ?? [] { byYear[entry.year, default: [:]][entry.code] = entry.value }
                return (
                    code,
                    byYear.keys.sorted().map { year in
                        IndicatorSeries(
                            indicator: code, year: year, values: byYear[year] ?? [:], national: national[code]?[year])
                    }
                )
            }
        }
    }
}

/// A column's place: indicator × level × year.
struct ColumnKey: Hashable {
    var code: String
    var level: TerritoryLevel
    var year: Int
}

/// The columns an import reads, changes and writes back.
struct HeldColumns {
    var keys: [ColumnKey] = []
    var columns: [IndicatorColumn] = []
    var dirty: [Bool] = []
    var position: [ColumnKey: Int] = [:]

    @discardableResult
    mutating func add(_ key: ColumnKey, _ column: IndicatorColumn, dirty isDirty: Bool) -> Int {
        position[key] = keys.count
        keys.append(key)
        columns.append(column)
        dirty.append(isDirty)
        return keys.count - 1
    }
}

/// The slot of every territory of an index, and the territories of each level with their slots.
struct SlotLayout {
    /// Per index position: the slot in its level (-1: not in the observatory).
    let slotOf: [Int32]
    /// Per index position: the level's depth.
    let levelNumber: [Int]
    /// Per level depth: (index position, slot) of its territories that have a slot.
    let positions: [[(Int, Int)]]

    init(index: TerritoryIndex, slots: TerritorySlots) {
        var slotOf = [Int32](repeating: -1, count: index.count)
        var positions = [[(Int, Int)]](repeating: [], count: TerritoryLevel.allCases.count)
        for (t, id) in index.ids.enumerated() {
            guard let slot = slots.slots[id.level]?[id.code] else { continue }
            slotOf[t] = Int32(slot)
            positions[id.level.depth].append((t, slot))
        }
        self.slotOf = slotOf
        levelNumber = index.ids.map(\.level.depth)
        self.positions = positions
    }
}
