import Foundation
import GRDB
import NIOCore
import PostgresNIO

/// An observatory table as the SQLite schema declares it, moved row by row between SQLite and
/// PostgreSQL. Values keep their exact type: 64-bit integers, IEEE doubles, UTF-8 text and bytes
/// (`bytea`), so a row reads back bit for bit the same on either side.
struct MirroredTable {
    enum Kind { case integer, real, text, blob }

    var name: String
    var columns: [String]
    var kinds: [Kind]
    var primaryKey: [String]

    var columnList: String { columns.map { "\"\($0)\"" }.joined(separator: ", ") }
    var keyList: String { primaryKey.map { "\"\($0)\"" }.joined(separator: ", ") }

    /// The observatory's tables in the SQLite schema (every table but GRDB's and SQLite's own), by name.
    static func all(_ db: Database) throws -> [MirroredTable] {
        let names = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name <> 'grdb_migrations' ORDER BY name
                """)
        return try names.map { name in
            let rows = try Row.fetchAll(
                db, sql: "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
            let columns = rows.map { $0["name"] as String }
            let kinds = rows.map { row -> Kind in
                let type = (row["type"] as String).uppercased()
                if type.contains("INT") { return .integer }
                if type.contains("REAL") { return .real }
                if type.contains("BLOB") { return .blob }
                return .text
            }
            let key = rows.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }
                .map { $0["name"] as String }
            // A table without a primary key is moved with its rowid, which becomes its key.
            if key.isEmpty {
                return MirroredTable(
                    name: name, columns: ["rowid"] + columns, kinds: [.integer] + kinds, primaryKey: ["rowid"])
            }
            return MirroredTable(name: name, columns: columns, kinds: kinds, primaryKey: key)
        }
    }

    // MARK: SQLite side

    func rows(_ db: Database, sql: String? = nil) throws -> [[DatabaseValue]] {
        try Row.fetchAll(db, sql: sql ?? "SELECT \(columnList) FROM \"\(name)\"").map { row in
            (0..<row.count).map { row[$0] as DatabaseValue }
        }
    }

    func insert(_ rows: [[DatabaseValue]], into db: Database) throws {
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.makeStatement(sql: "INSERT INTO \"\(name)\"(\(columnList)) VALUES (\(marks))")
        for row in rows { try statement.execute(arguments: StatementArguments(row)) }
    }

    // MARK: PostgreSQL side

    func rows(_ session: PostgresSession) throws -> [[DatabaseValue]] {
        let result = try session.query("SELECT \(columnList) FROM \(name)")
        return try result.map { row in
            try zip(row.cells, kinds).map { cell, kind in try Self.value(cell, kind) }
        }
    }

    /// Inserts the rows in statements of at most a few thousand parameters and a few megabytes.
    func insert(_ rows: [[DatabaseValue]], into session: PostgresSession) throws {
        var start = 0
        while start < rows.count {
            var end = start
            var bytes = 0
            var binds = PostgresBindings()
            var tuples: [String] = []
            while end < rows.count, tuples.count * columns.count < 30_000, bytes < 8_000_000 {
                var marks: [String] = []
                for value in rows[end] {
                    bytes += Self.bind(value, into: &binds)
                    marks.append("$\(binds.count)")
                }
                tuples.append("(" + marks.joined(separator: ", ") + ")")
                end += 1
            }
            try session.query("INSERT INTO \(name) (\(columnList)) VALUES " + tuples.joined(separator: ", "), binds)
            start = end
        }
    }

    /// Deletes the rows with these primary keys.
    func delete(keys: [[DatabaseValue]], from session: PostgresSession) throws {
        var start = 0
        while start < keys.count {
            // A few hundred keys a statement: a longer IN list of row values overflows the parser's stack.
            let end = min(keys.count, start + 250)
            var binds = PostgresBindings()
            var tuples: [String] = []
            for key in keys[start..<end] {
                var marks: [String] = []
                for value in key {
                    _ = Self.bind(value, into: &binds)
                    marks.append("$\(binds.count)")
                }
                tuples.append("(" + marks.joined(separator: ", ") + ")")
            }
            try session.query(
                "DELETE FROM \(name) WHERE (\(keyList)) IN (" + tuples.joined(separator: ", ") + ")", binds)
            start = end
        }
    }

    /// The column names PostgreSQL holds for this table (empty when it has no such table).
    func postgresColumns(_ session: PostgresSession) throws -> Set<String> {
        var binds = PostgresBindings()
        binds.append(name)
        let rows = try session.query(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name "
                + "= $1",
            binds)
        return Set(try rows.map { try $0.cells[0].decode(String.self) })
    }

    static func bind(_ value: DatabaseValue, into binds: inout PostgresBindings) -> Int {
        switch value.storage {
        case .null:
            binds.appendNull()
            return 1
        case .int64(let number):
            binds.append(number)
            return 8
        case .double(let number):
            binds.append(number)
            return 8
        case .string(let text):
            binds.append(text)
            return text.utf8.count
        case .blob(let data):
            binds.append(ByteBuffer(bytes: data))
            return data.count
        }
    }

    static func value(_ cell: PostgresCell, _ kind: Kind) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        switch kind {
        case .integer: return try cell.decode(Int64.self).databaseValue
        case .real: return try cell.decode(Double.self).databaseValue
        case .text: return try cell.decode(String.self).databaseValue
        case .blob: return Data(try cell.decode(ByteBuffer.self).readableBytesView).databaseValue
        }
    }
}

/// Row counts and checksums of an observatory, table by table: what `phare store copy` and
/// `phare restore` compare between source and target.
public struct ObservatoryDigest: Sendable, Hashable, CustomStringConvertible {
    public struct Table: Sendable, Hashable {
        public var name: String
        public var rows: Int
        /// Sum (mod 2⁶⁴) of the FNV-1a 64-bit hash of each row's values: independent of row order.
        public var checksum: UInt64
    }

    public var tables: [Table]

    init(_ tables: [(MirroredTable, [[DatabaseValue]])]) {
        self.tables = tables.map { table, rows in
            Table(name: table.name, rows: rows.count, checksum: rows.reduce(0) { $0 &+ Self.hash($1) })
        }
    }

    /// One line per table: name, rows, checksum (hex).
    public var description: String {
        tables.map { "\($0.name)\t\($0.rows)\t\(String($0.checksum, radix: 16))" }.joined(separator: "\n")
    }

    /// FNV-1a 64-bit over a tagged encoding of each value (type byte, length, bytes).
    static func hash(_ row: [DatabaseValue]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        func add(_ number: UInt64) { add(withUnsafeBytes(of: number.littleEndian, Array.init)) }
        for value in row {
            switch value.storage {
            case .null: add([0])
            case .int64(let number):
                add([1])
                add(UInt64(bitPattern: number))
            case .double(let number):
                add([2])
                add(number.bitPattern)
            case .string(let text):
                add([3])
                add(UInt64(text.utf8.count))
                add(text.utf8)
            case .blob(let data):
                add([4])
                add(UInt64(data.count))
                add(data)
            }
        }
        return hash
    }
}
