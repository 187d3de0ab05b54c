import Foundation
import GRDB
import PhareAnalysis
import PhareCore

extension SQLiteObservatoryStore {
    /// Records the provenance of the real values (the bundled baseline's `provenance.json`),
    /// replacing any earlier one; kept in `observatory_metadata` under `open_data_provenance`.
    public func saveOpenDataProvenance(_ data: Data) throws {
        _ = try OpenDataProvenance.decode(data)
        try writeData { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO observatory_metadata(key, value) VALUES ('open_data_provenance', ?)",
                arguments: [String(decoding: data, as: UTF8.self)]
            )
        }
    }

    public func openDataProvenance() throws -> OpenDataProvenance? {
        let text = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM observatory_metadata WHERE key = 'open_data_provenance'")
        }
        return try text.map { try OpenDataProvenance.decode(Data($0.utf8)) }
    }
}
