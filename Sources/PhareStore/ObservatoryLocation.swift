import Foundation
import GRDB
import PhareCore

/// Where an observatory lives, as `--db` or `PHARE_DB` name it: an SQLite file path, or a
/// `postgres://user@host[:port]/database` URL. The one place that turns that text into a store.
public enum ObservatoryLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    public init(_ text: String) throws {
        self = PostgresURL.isPostgres(text) ? .postgres(try PostgresURL(text)) : .sqlite(path: text)
    }

    /// The location for messages (a URL without its password).
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.description
        }
    }

    /// Opens the observatory, applying any pending migration.
    public func open() throws -> any ObservatoryStore {
        switch self {
        case .sqlite(let path): try SQLiteObservatoryStore(path: path)
        case .postgres(let url): try PostgresObservatoryStore(url: url, create: false)
        }
    }

    /// Creates the observatory, or rebuilds it with `force`, all or nothing. `populate` fills the new
    /// observatory (the demo data, say) before it is put in place: it is handed the path of an
    /// SQLite working file, which a PostgreSQL observatory then receives whole in one transaction.
    @discardableResult
    public func initialise(
        framework: Framework, frameworkSource: String, territories: TerritoryTree, force: Bool, now: Date = Date(),
        populate: ((String) throws -> Void)? = nil
    ) throws -> InitOutcome {
        switch self {
        case .sqlite(let path):
            return try SQLiteObservatoryStore.initialise(
                path: path, framework: framework, frameworkSource: frameworkSource, territories: territories,
                force: force, now: now, populate: populate)
        case .postgres(let url):
            let existing = try PostgresObservatoryStore.contents(url)
            if case .otherTables(let count) = existing {
                throw StoreError(
                    "the PostgreSQL database \(url) holds \(count) tables but is not a Phare observatory "
                        + "(no phare_schema table): point --db at a database of its own")
            }
            if existing == .observatory && !force {
                let store = try PostgresObservatoryStore(url: url, create: false)
                return .alreadyInitialised(appliedMigrations: store.appliedMigrations)
            }
            let folder = try WorkingFolder()
            let path = folder.path + "/observatory.sqlite"
            try SQLiteObservatoryStore.initialise(
                path: path, framework: framework, frameworkSource: frameworkSource, territories: territories,
                force: false, now: now, populate: populate)
            try PostgresObservatoryStore.replaceContents(url, withSQLite: path, force: true)
            return existing == .observatory ? .rebuilt : .created
        }
    }

    /// Whether an observatory is already there (a file, or a database with Phare's schema).
    func holdsObservatory() throws -> Bool {
        switch self {
        case .sqlite(let path): FileManager.default.fileExists(atPath: path)
        case .postgres(let url): try PostgresObservatoryStore.contents(url) == .observatory
        }
    }

    /// Writes a complete copy of the observatory to the SQLite file `target` (which must not exist):
    /// every table, as one consistent state of the data.
    func exportSQLite(to target: String) throws {
        switch self {
        case .sqlite(let path):
            let store = try SQLiteObservatoryStore(path: path)
            try store.queue.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [target]) }
        case .postgres(let url):
            try PostgresObservatoryStore(url: url, create: false).exportSQLite(to: target)
        }
    }

    /// Replaces the observatory by the one in the SQLite file `source`, all or nothing. An
    /// observatory already there is refused unless `force`.
    func replaceContents(withSQLite source: String, force: Bool) throws {
        switch self {
        case .sqlite(let path):
            if !force && FileManager.default.fileExists(atPath: path) {
                throw StoreError("\(path) already holds an observatory: add --force to replace it")
            }
            let temporary = AtomicFile.temporaryPath(beside: path)
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            do {
                try FileManager.default.copyItem(atPath: source, toPath: temporary)
                _ = try SQLiteObservatoryStore(path: temporary)
                for suffix in ["-wal", "-shm", "-journal"] {
                    try? FileManager.default.removeItem(atPath: path + suffix)
                }
                try AtomicFile.moveIntoPlace(temporary, path)
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError("cannot write the observatory \(path): \(error)")
            }
        case .postgres(let url):
            try PostgresObservatoryStore.replaceContents(url, withSQLite: source, force: force)
        }
    }

    /// The row counts and checksums of every table, read from the observatory itself.
    public func digest() throws -> ObservatoryDigest {
        switch self {
        case .sqlite(let path):
            return try ObservatoryDigest.ofSQLite(path)
        case .postgres(let url):
            return try PostgresObservatoryStore(url: url, create: false).digest()
        }
    }
}

extension ObservatoryDigest {
    static func ofSQLite(_ path: String) throws -> ObservatoryDigest {
        let queue = try DatabaseQueue(path: path, configuration: SQLiteObservatoryStore.configuration())
        defer { try? queue.close() }
        return try queue.read { db in
            ObservatoryDigest(try MirroredTable.all(db).map { table in (table, try table.rows(db)) })
        }
    }
}

/// A private temporary folder, removed with everything in it when released.
final class WorkingFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "phare-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create a working folder in \(NSTemporaryDirectory()): \(error)")
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
