import Foundation
import GRDB
import GRDBSQLite
import PhareCore

/// Indicator values stored by column: one row per indicator × level × year holding the values of
/// every territory of the level, in slot order, as two BLOBs (migration `v5-indicator-columns`).
///
/// A territory's slot is its place in the columns of its level (`indicator_slot`): assigned once,
/// in code order, when the territory is first met; later territories get the next slots, so a
/// column written before they existed is simply shorter (the missing tail holds no value).
///
/// - `indicator_column`: `dataset_blob` is one little-endian `Int32` per slot, the dataset the value
///   comes from (0: no value); `value_blob` one little-endian `Float64` per slot.
/// - `indicator_aggregate_column`: `flags_blob` is one byte per slot, the `ValueFlags` of the
///   aggregate (0: no aggregate); `value_blob` as above.
///
/// An import of 10 million values writes 300 rows instead of 10 million (Benchmarks/indicators).
struct IndicatorColumn {
    var datasets: [Int32]
    var values: [Double]

    init(slots: Int) {
        datasets = [Int32](repeating: 0, count: slots)
        values = [Double](repeating: 0, count: slots)
    }

    init(datasetBlob: Data, valueBlob: Data, slots: Int) {
        self.init(slots: slots)
        let stored = min(slots, datasetBlob.count / 4, valueBlob.count / 8)
        datasets.withUnsafeMutableBytes { target in
            datasetBlob.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<(stored * 4)]))
            }
        }
        values.withUnsafeMutableBytes { target in
            valueBlob.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<(stored * 8)]))
            }
        }
        for slot in 0..<stored {
            datasets[slot] = Int32(littleEndian: datasets[slot])
            values[slot] = Double(bitPattern: UInt64(littleEndian: values[slot].bitPattern))
        }
    }

    /// Grows the column to `slots` slots (new territories have no value).
    mutating func grow(to slots: Int) {
        guard slots > datasets.count else { return }
        datasets.append(contentsOf: repeatElement(0, count: slots - datasets.count))
        values.append(contentsOf: repeatElement(0, count: slots - values.count))
    }

    var valueCount: Int { datasets.reduce(0) { $0 + ($1 == 0 ? 0 : 1) } }

    func datasetBlob() -> Data {
        datasets.map(\.littleEndian).withUnsafeBytes { Data($0) }
    }

    func valueBlob() -> Data {
        values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
    }
}

/// The slots of the territories, by level.
struct TerritorySlots {
    /// `codes[level][slot]`: the code of the territory in that slot.
    var codes: [TerritoryLevel: [String]] = [:]
    var slots: [TerritoryLevel: [String: Int]] = [:]

    func count(_ level: TerritoryLevel) -> Int { codes[level]?.count ?? 0 }

    /// Loads the slots, first giving one to every territory of the observatory that has none.
    static func load(_ db: Database, levels: [TerritoryLevel] = TerritoryLevel.allCases) throws -> TerritorySlots {
        var result = TerritorySlots()
        let marks = levels.map { _ in "?" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT territory_level, territory_code, slot FROM indicator_slot
                WHERE territory_level IN (\(marks)) ORDER BY territory_level, slot
                """, arguments: StatementArguments(levels.map(\.rawValue)))
        while let row = try rows.next() {
            let levelName: String = row[0]
            guard let level = TerritoryLevel(rawValue: levelName) else { continue }
            let code: String = row[1]
            let slot: Int = row[2]
            guard slot == result.count(level) else {
                throw StoreError("the territory slots of level \(levelName) are not contiguous at \(code)")
            }
            result.codes[level, default: []].append(code)
            result.slots[level, default: [:]][code] = slot
        }
        return result
    }

    /// Gives a slot to every territory without one, in code order after the existing slots.
    static func assign(_ db: Database) throws {
        let territories = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM territory") ?? 0
        let slotted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM indicator_slot") ?? 0
        guard territories != slotted else { return }
        try db.execute(
            sql: """
                INSERT INTO indicator_slot(territory_level, territory_code, slot)
                SELECT t.level, t.code,
                       (SELECT COALESCE(MAX(s.slot) + 1, 0) FROM indicator_slot s WHERE s.territory_level = t.level)
                       + ROW_NUMBER() OVER (PARTITION BY t.level ORDER BY t.code) - 1
                FROM territory t
                WHERE NOT EXISTS (
                    SELECT 1 FROM indicator_slot s WHERE s.territory_level = t.level AND s.territory_code = t.code)
                ORDER BY t.level, t.code
                """)
    }
}

/// One prepared `INSERT OR REPLACE` of a column row, its BLOBs bound through SQLite's C interface.
struct ColumnWriter {
    let statement: Statement
    /// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func write(_ code: String, _ level: TerritoryLevel, _ year: Int, count: Int, _ first: Data, _ second: Data)
        throws
    {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_bind_text(handle, 1, code, -1, Self.transient)
        sqlite3_bind_text(handle, 2, level.rawValue, -1, Self.transient)
        sqlite3_bind_int64(handle, 3, Int64(year))
        sqlite3_bind_int64(handle, 4, Int64(count))
        first.withUnsafeBytes { _ = sqlite3_bind_blob(handle, 5, $0.baseAddress, Int32($0.count), Self.transient) }
        second.withUnsafeBytes { _ = sqlite3_bind_blob(handle, 6, $0.baseAddress, Int32($0.count), Self.transient) }
        guard sqlite3_step(handle) == SQLITE_DONE else {
            throw StoreError(
                "cannot store the values of \(code) for level \(level.rawValue) \(year): "
                    + String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
    }
}

extension SQLiteObservatoryStore {
    /// Registered by `Schema` under the name `v5-indicator-columns`: the values and aggregates move
    /// from one row per value to one row per indicator × level × year; existing data is converted.
    static func migrateIndicatorColumns(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE indicator_slot (
                    territory_level TEXT NOT NULL,
                    territory_code TEXT NOT NULL,
                    slot INTEGER NOT NULL,
                    PRIMARY KEY (territory_level, territory_code),
                    UNIQUE (territory_level, slot),
                    FOREIGN KEY (territory_level, territory_code) REFERENCES territory(level, code)
                ) WITHOUT ROWID;
                CREATE TABLE indicator_column (
                    indicator_code TEXT NOT NULL REFERENCES indicator(code),
                    territory_level TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    value_count INTEGER NOT NULL,
                    dataset_blob BLOB NOT NULL,
                    value_blob BLOB NOT NULL,
                    PRIMARY KEY (territory_level, indicator_code, year)
                );
                CREATE TABLE indicator_aggregate_column (
                    indicator_code TEXT NOT NULL REFERENCES indicator(code),
                    territory_level TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    value_count INTEGER NOT NULL,
                    flags_blob BLOB NOT NULL,
                    value_blob BLOB NOT NULL,
                    PRIMARY KEY (territory_level, indicator_code, year)
                );
                """)
        try TerritorySlots.assign(db)
        let slots = try TerritorySlots.load(db)
        struct Key: Hashable {
            var code: String
            var level: TerritoryLevel
            var year: Int
        }
        // Values: one column at a time (rows come in primary-key order: level, indicator, territory).
        var columns: [Key: IndicatorColumn] = [:]
        let writer = ColumnWriter(
            statement: try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO indicator_column(indicator_code, territory_level, year, value_count,
                        dataset_blob, value_blob) VALUES (?, ?, ?, ?, ?, ?)
                    """))
        func flush() throws {
            for (key, column) in columns {
                try writer.write(
                    key.code, key.level, key.year, count: column.valueCount, column.datasetBlob(), column.valueBlob())
            }
            columns = [:]
        }
        var current: (String, String)?
        let values = try Row.fetchCursor(
            db,
            sql: """
                SELECT territory_level, indicator_code, territory_code, year, value, dataset_id FROM indicator_value
                ORDER BY territory_level, indicator_code
                """)
        while let row = try values.next() {
            let levelName: String = row[0]
            let code: String = row[1]
            if current.map({ $0 != (levelName, code) }) ?? true {
                try flush()
                current = (levelName, code)
            }
            guard let level = TerritoryLevel(rawValue: levelName), let slot = slots.slots[level]?[row[2]] else {
                continue
            }
            let key = Key(code: code, level: level, year: row[3])
            columns[key, default: IndicatorColumn(slots: slots.count(level))].values[slot] = row[4]
            columns[key, default: IndicatorColumn(slots: slots.count(level))].datasets[slot] = row[5]
        }
        try flush()
        // Aggregates: the same, with flags for dataset ids.
        let aggregateWriter = ColumnWriter(
            statement: try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO indicator_aggregate_column(indicator_code, territory_level, year,
                        value_count, flags_blob, value_blob) VALUES (?, ?, ?, ?, ?, ?)
                    """))
        var aggregates: [Key: (flags: [UInt8], values: [Double])] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT territory_level, indicator_code, territory_code, year, value, flags FROM indicator_aggregate")
        while let row = try rows.next() {
            guard let level = TerritoryLevel(rawValue: row[0]), let slot = slots.slots[level]?[row[2]] else {
                continue
            }
            let key = Key(code: row[1], level: level, year: row[3])
            let size = slots.count(level)
            aggregates[key, default: ([UInt8](repeating: 0, count: size), [Double](repeating: 0, count: size))]
                .flags[slot] = UInt8(clamping: row[5] as Int)
            aggregates[key]?.values[slot] = row[4]
        }
        for (key, column) in aggregates {
            try aggregateWriter.write(
                key.code, key.level, key.year, count: column.flags.reduce(0) { $0 + ($1 == 0 ? 0 : 1) },
                Data(column.flags), IndicatorColumn.blob(column.values))
        }
        try db.execute(sql: "DROP TABLE indicator_value; DROP TABLE indicator_aggregate;")
    }
}

extension IndicatorColumn {
    static func blob(_ values: [Double]) -> Data {
        values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
    }

    static func doubles(_ blob: Data, slots: Int) -> [Double] {
        var values = [Double](repeating: 0, count: slots)
        let stored = min(slots, blob.count / 8)
        values.withUnsafeMutableBytes { target in
            blob.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<(stored * 8)]))
            }
        }
        for slot in 0..<stored { values[slot] = Double(bitPattern: UInt64(littleEndian: values[slot].bitPattern)) }
        return values
    }
}
