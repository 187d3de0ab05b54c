import Foundation
import GRDB
import PostgresNIO

extension PostgresObservatoryStore {
    /// What a PostgreSQL database holds, as far as Phare is concerned.
    enum Contents: Equatable {
        case empty
        case observatory
        case otherTables(Int)
    }

    static func contents(_ url: PostgresURL) throws -> Contents {
        let session = try PostgresSession(url)
        if try session.query("SELECT to_regclass('phare_schema') IS NOT NULL")[0].cells[0].decode(Bool.self) {
            return .observatory
        }
        let count = try session.query(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        )[0].cells[0].decode(Int64.self)
        return count == 0 ? .empty : .otherTables(Int(count))
    }

    /// Replaces every table by those of the SQLite observatory at `source`, in one transaction that
    /// holds the data-version lock; refused when an observatory with data is there and not `force`.
    static func replaceContents(_ url: PostgresURL, withSQLite source: String, force: Bool) throws {
        let session = try PostgresSession(url)
        let queue = try DatabaseQueue(path: source, configuration: SQLiteObservatoryStore.configuration())
        defer { try? queue.close() }
        try Schema.migrator.migrate(queue)
        let (tables, rows) = try queue.read { db in
            let tables = try MirroredTable.all(db)
            return (tables, try tables.map { try $0.rows(db) })
        }
        try session.transaction {
            let applied = try migrate(session, url: url, create: true)
            try checkColumns(session, tables: tables, url: url)
            try session.query("SELECT data_version FROM phare_state FOR UPDATE")
            let held = try session.query("SELECT count(*) FROM observatory_metadata")[0].cells[0].decode(Int64.self)
            if held > 0 && applied.isEmpty && !force {
                throw StoreError("\(url) already holds an observatory: add --force to replace it")
            }
            for table in tables {
                try session.query("DELETE FROM \(table.name)")
            }
            for (table, rows) in zip(tables, rows) { try table.insert(rows, into: session) }
            for (table, column) in PostgresSchema.identityColumns {
                try session.query(
                    "SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), "
                        + "COALESCE((SELECT max(\(column)) FROM \(table)), 0) + 1, false)")
            }
            var binds = PostgresBindings()
            binds.append(ISO8601DateFormatter().string(from: Date()))
            try session.query(
                "UPDATE phare_state SET data_version = data_version + 1, changed_at = $1", binds)
        }
    }

    /// Writes the whole observatory, one state of the data, to the SQLite file `target`: the working
    /// copy reloaded and the access tables read in the same repeatable-read transaction.
    func exportSQLite(to target: String) throws {
        let access = allTables.filter { PostgresSchema.accessTables.contains($0.name) }
        let accessRows = try withLock {
            try session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? session.query("COMMIT") }
            try loadReplica(version: try dataState().version)
            return try access.map { try $0.rows(session) }
        }
        try withReplica { replica in
            try replica.queue.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [target]) }
        }
        let queue = try DatabaseQueue(path: target, configuration: SQLiteObservatoryStore.configuration())
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for (table, rows) in zip(access, accessRows) { try table.insert(rows, into: db) }
        }
    }

    /// Row counts and checksums of the tables as PostgreSQL holds them (read afresh, not from the
    /// working copy), in one repeatable-read transaction.
    func digest() throws -> ObservatoryDigest {
        lock.lock()
        defer { lock.unlock() }
        try session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { _ = try? session.query("COMMIT") }
        return ObservatoryDigest(try allTables.map { table in (table, try table.rows(session)) })
    }
}
